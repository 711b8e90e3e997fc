import { str } from '../../util/text.js';

/**
 * NOTE: the auditIDs of this many requests already given out are kept, so
 * that memory stays bounded on any log. A stage that arrives after its
 * request's final one is seldom far from it: newest-first cloud exports and
 * logs merged from several API servers misorder stages by seconds, a few
 * thousand requests at most on a busy cluster.
 */
export const GIVEN_OUT_REMEMBERED = 10_000;

/**
 * The requests given out lately, by auditID, with when each arrived: all
 * stages of one request carry the same requestReceivedTimestamp, so a
 * client that reuses an Audit-ID header is not folded into an older request.
 * A ring of slots, oldest overwritten first; an ID given out again moves to
 * its newest slot, and its older slot no longer speaks for it.
 * Example: remember("55ff…", "2024-03-01T10:00:00.000001Z").
 */
export class GivenOut {
  private readonly slotOf = new Map<string, number>();
  private readonly ids: (string | undefined)[];
  private readonly received: (string | null)[];
  /** Whether the request was given out complete, or pushed out still waiting. */
  private readonly complete: boolean[];
  private next = 0;

  constructor(private readonly size = GIVEN_OUT_REMEMBERED) {
    this.ids = new Array<string | undefined>(size);
    this.received = new Array<string | null>(size).fill(null);
    this.complete = new Array<boolean>(size).fill(false);
  }

  remember(id: string, received: unknown, complete = true): void {
    const slot = this.next;
    this.complete[slot] = complete;
    const old = this.ids[slot];
    if (old !== undefined && this.slotOf.get(old) === slot) this.slotOf.delete(old);
    this.ids[slot] = id;
    this.received[slot] = str(received);
    this.slotOf.set(id, slot);
    this.next = slot + 1 === this.size ? 0 : slot + 1;
  }

  /**
   * True when an event of `id` received at `received` belongs to a request
   * given out already; an event or a request with no arrival time is taken
   * to belong by its ID alone.
   */
  has(id: string, received: unknown): boolean {
    return this.state(id, received) !== 'none';
  }

  /**
   * 'complete' when the request was given out with its final stage (another
   * final stage is the request logged again), 'partial' when it was pushed
   * out still waiting (its final stage may come yet), else 'none'.
   */
  state(id: string, received: unknown): 'none' | 'complete' | 'partial' {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return 'none';
    const known = this.received[slot];
    const at = str(received);
    if (known !== null && at !== null && known !== at) return 'none';
    return this.complete[slot] ? 'complete' : 'partial';
  }
}
