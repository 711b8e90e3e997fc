import { obj, str } from '../../util/text.js';
import { GivenOut, GIVEN_OUT_REMEMBERED } from './audit-given-out.js';
import type { Candidate } from './audit-records.js';

/**
 * The API server logs one request once per stage it reaches, all under one
 * auditID: RequestReceived, then ResponseStarted (long-running requests:
 * exec, attach, portforward, watch, proxy), then ResponseComplete, or Panic.
 * Spec: https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy
 * This folds them back into one request: the outcome (code, stage, time)
 * from the latest stage, the bodies from whichever stage carried them.
 * Example: RequestReceived (no body) + ResponseComplete (201, requestObject)
 * → one request, stages ["RequestReceived", "ResponseComplete"].
 * Stages need not come in order (newest-first exports, logs merged from
 * several API servers): a stage of a request given out already adds nothing.
 */
export interface Request {
  /** The outcome event with the bodies and annotations of every stage merged in. */
  event: Record<string, unknown>;
  stages: string[];
  /** The line of the event the outcome came from. */
  line: number;
  fallbackTime: unknown;
  /** A finished request logged a second time under the same auditID. */
  duplicate?: boolean;
}

interface Waiting {
  id: string | null;
  /** Logged under an auditID another request had: noted, as a replayed one is. */
  duplicate?: boolean;
  /** Given out already: completed, or pushed out by newer requests. */
  done: boolean;
  outcome: Record<string, unknown>;
  rank: number;
  line: number;
  fallbackTime: unknown;
  stages: string[];
  requestObject: unknown;
  responseObject: unknown;
  annotations: Record<string, unknown> | null;
  received: unknown;
}

/** How far each stage goes; a later stage's outcome wins. */
const STAGE_RANK: ReadonlyMap<string, number> = new Map([
  ['RequestReceived', 0],
  ['ResponseStarted', 1],
  ['ResponseComplete', 2],
  ['Panic', 3],
]);

/** An event with no stage (or an unknown one) is taken as final. */
const FINAL_RANK = 2;

/**
 * NOTE: requests still waiting for their final stage are held up to this
 * many; past it the oldest is given out as it stands, so memory stays
 * bounded on a log whose final stages were filtered out. That covers the
 * open watches of a mid-size cluster; a larger one pushes some out early,
 * and their final stage then comes as a second observation.
 */
export const MAX_WAITING = 2000;

export class RequestGroups {
  private readonly waiting = new Map<string, Waiting>();
  /**
   * Waiting requests in arrival order; entries whose request has completed
   * since are skipped. (A Map's first entry is slow to reach after many
   * deletions: the engine walks the deleted slots.)
   */
  private queue: Waiting[] = [];
  private head = 0;
  private readonly givenOut: GivenOut;

  constructor(
    private readonly cap = MAX_WAITING,
    remembered = GIVEN_OUT_REMEMBERED,
  ) {
    this.givenOut = new GivenOut(remembered);
  }

  /** How many entries the arrival queue holds, done ones included: bounded by the cap. */
  get queued(): number {
    return this.queue.length;
  }

  /** Takes one event; returns the requests it completes (or pushes out). */
  add(event: Record<string, unknown>, found: Candidate, reused = false): Request[] {
    const id = str(event['auditID']);
    const stage = str(event['stage']);
    const rank = stage === null ? FINAL_RANK : (STAGE_RANK.get(stage) ?? FINAL_RANK);
    const earlier = id === null || reused ? undefined : this.waiting.get(id);
    const received = event['requestReceivedTimestamp'];
    if (earlier === undefined && rank >= FINAL_RANK) {
      // Most requests are logged at their final stage alone: nothing to merge or copy.
      // One given out already is the same request logged again (a replayed or spliced log).
      const duplicate = reused || (id !== null && this.givenOut.state(id, received) === 'complete');
      if (id !== null) this.givenOut.remember(id, received);
      const stages = stage === null ? [] : [stage];
      const line = found.line;
      return [{ event, stages, line, fallbackTime: found.fallbackTime, duplicate }];
    }
    // An earlier stage logged after its request's final one: the request is out already.
    if (!reused && earlier === undefined && id !== null && this.givenOut.has(id, received)) {
      return [];
    }
    if (earlier !== undefined && id !== null && isAnother(earlier, stage, received)) {
      // A stage this request already had, or another arrival time: a second request under
      // the same auditID (clients may set their own). Neither hides the other.
      this.finish(id, earlier, false);
      earlier.done = true;
      const next = this.add(event, found, true);
      return [finished(earlier), ...next];
    }
    const entry = this.merge(earlier, event, rank, found);
    if (reused) entry.duplicate = true;
    if (stage !== null) entry.stages.push(stage);
    if (id === null || rank >= FINAL_RANK) {
      if (id !== null) this.finish(id, entry);
      entry.done = true;
      return [finished(entry)];
    }
    if (!this.waiting.has(id)) {
      this.waiting.set(id, entry);
      this.queue.push(entry);
      // Completed requests leave the queue in bulk, so it never holds many of them.
      if (this.queue.length > this.waiting.size + 1024) this.compact();
    }
    return this.waiting.size > this.cap ? this.evictOldest() : [];
  }

  /** The requests never completed: a lone RequestReceived, an open watch. */
  drain(): Request[] {
    const out = [...this.waiting.values()].map(finished);
    this.waiting.clear();
    this.queue = [];
    this.head = 0;
    return out;
  }

  /** Takes a waiting request out, remembering that it was given out, and how. */
  private finish(id: string, entry: Waiting, complete = true): void {
    this.waiting.delete(id);
    this.givenOut.remember(id, entry.received, complete);
  }

  private compact(): void {
    this.queue = this.queue.slice(this.head).filter((entry) => !entry.done);
    this.head = 0;
  }

  private evictOldest(): Request[] {
    while (this.head < this.queue.length) {
      const entry = this.queue[this.head++]!;
      if (entry.done) continue;
      this.finish(entry.id!, entry, false);
      entry.done = true;
      return [finished(entry)];
    }
    return [];
  }

  private merge(
    entry: Waiting | undefined,
    event: Record<string, unknown>,
    rank: number,
    found: Candidate,
  ): Waiting {
    const next: Waiting = entry ?? {
      id: str(event['auditID']),
      done: false,
      outcome: event,
      rank,
      line: found.line,
      fallbackTime: found.fallbackTime,
      stages: [],
      requestObject: undefined,
      responseObject: undefined,
      annotations: null,
      received: undefined,
    };
    if (rank >= next.rank) {
      next.outcome = event;
      next.rank = rank;
      next.line = found.line;
      next.fallbackTime = found.fallbackTime ?? next.fallbackTime;
    }
    next.requestObject = bodyOf(event['requestObject']) ?? next.requestObject;
    next.responseObject = bodyOf(event['responseObject']) ?? next.responseObject;
    next.received ??= event['requestReceivedTimestamp'];
    const annotations = obj(event['annotations']);
    if (annotations !== null) next.annotations = { ...next.annotations, ...annotations };
    return next;
  }
}

/** An object body, or a JSON patch's list of operations. */
/** Whether an event under a waiting request's auditID belongs to another request. */
function isAnother(entry: Waiting, stage: string | null, received: unknown): boolean {
  if (stage !== null && entry.stages.includes(stage)) return true;
  return typeof received === 'string' && typeof entry.received === 'string'
    ? received !== entry.received
    : false;
}

function bodyOf(value: unknown): Record<string, unknown> | unknown[] | undefined {
  return Array.isArray(value) ? value : (obj(value) ?? undefined);
}

function finished(entry: Waiting): Request {
  const event: Record<string, unknown> = { ...entry.outcome };
  if (entry.requestObject !== undefined) event['requestObject'] = entry.requestObject;
  if (entry.responseObject !== undefined) event['responseObject'] = entry.responseObject;
  if (entry.annotations !== null) event['annotations'] = entry.annotations;
  // An earlier stage may be the only one to say when the request arrived.
  if (event['requestReceivedTimestamp'] === undefined && entry.received !== undefined) {
    event['requestReceivedTimestamp'] = entry.received;
  }
  const { stages, line, fallbackTime } = entry;
  return { event, stages, line, fallbackTime, ...(entry.duplicate ? { duplicate: true } : {}) };
}
