import type { Reader, Recognizer } from '../reader.js';
import { auditReader } from './audit-reader.js';
import { kubectlReader } from './kubectl-reader.js';
import { RECOGNIZERS as KNOWN } from './recognizers.js';

/** Audit events first: an audit EventList must not read as a kubectl one. */
export const READERS: Reader[] = [auditReader, kubectlReader];

export const RECOGNIZERS: Recognizer[] = [...KNOWN];
