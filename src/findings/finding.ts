import type { Severity } from '../model/severity.js';
import type { Source } from '../model/source.js';

/** A finding as the report states it (REPORT.md, `findings`). */
export interface Finding {
  id: string;
  rule: string;
  title: string;
  severity: Severity;
  confidence: number;
  score: number;
  attack: string[];
  entity: string;
  time: { first: string; last: string } | null;
  summary: string;
  evidence: Source[];
  /** How many evidence records in all, when more than are listed. */
  evidenceCount: number;
  response: string[];
  /** Epoch ms of `time.first`, for ordering; never serialized. */
  ts: number | null;
  /** Data sources behind the finding, for independence in entity scores. */
  sourceKinds: string[];
}

/** How many evidence references a finding lists; the rest are counted. */
export const EVIDENCE_LISTED = 25;
