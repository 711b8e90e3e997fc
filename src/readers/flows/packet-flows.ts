import type { FlowObservation } from '../../model/observation.js';
import { fromEpochString } from '../../util/time.js';
import { flowAt } from './flow.js';

/** One packet of a per-packet export, as the flow table needs it. */
export interface Packet {
  line: number;
  /** Epoch seconds as written, kept for the flow's start time. Example: "1709289000.000000000". */
  epoch: string;
  /** The same in milliseconds, for ordering and timeouts. */
  ms: number;
  src: string;
  dst: string;
  srcPort: number | null;
  dstPort: number | null;
  proto: string | null;
  /** Frame length, or null when the export has none. */
  bytes: number | null;
}

/**
 * How long a flow may stay silent before its next packet starts a new one.
 * NOTE: one idle timeout for every protocol, as CICFlowMeter's default
 * flow timeout (120 s); TCP FIN and RST do not end a flow early, so a
 * port reused within the timeout joins the earlier connection.
 */
export const IDLE_TIMEOUT_MS = 120_000;

/**
 * Open flows held at once. Past this, the oldest are closed early (and
 * their later packets start new flows) so memory stays bounded.
 */
export const MAX_OPEN_FLOWS = 100_000;

interface OpenFlow {
  first: Packet;
  /** The earliest packet: the first one unless the export is out of order. */
  start: Packet;
  lastMs: number;
  packetsOut: number;
  packetsIn: number;
  bytesOut: number | null;
  bytesIn: number | null;
}

const NONE: FlowObservation[] = [];

/**
 * Groups packets into bidirectional flows by protocol and the two
 * endpoints. The sender of a flow's first packet is its source; packets it
 * sends count "out", packets back count "in". Flows come out when they
 * go idle (sorted by start), and the rest at the end.
 * NOTE: flows come out in the order they close, not the order they start,
 * so a long flow can follow shorter ones that started after it; the
 * replay's reorder buffer absorbs most of that.
 */
export class PacketFlows {
  private readonly open = new Map<string, OpenFlow>();
  private nextSweep = Number.NEGATIVE_INFINITY;
  /** Flows closed early because too many were open. */
  evicted = 0;

  constructor(private readonly path: string) {}

  add(packet: Packet): FlowObservation[] {
    const closed: OpenFlow[] = [];
    const now = packet.ms;
    if (now >= this.nextSweep) {
      this.sweep(now, closed);
      this.nextSweep = now + IDLE_TIMEOUT_MS / 4;
    }
    const key = flowKey(packet);
    let flow = this.open.get(key);
    if (flow && now - flow.lastMs > IDLE_TIMEOUT_MS) {
      closed.push(flow);
      this.open.delete(key);
      flow = undefined;
    }
    if (flow) addPacket(flow, packet);
    else this.begin(key, packet, closed);
    return closed.length > 0 ? this.finish(closed) : NONE;
  }

  /** Closes every open flow, at the end of the input. */
  drain(): FlowObservation[] {
    const closed = [...this.open.values()];
    this.open.clear();
    return this.finish(closed);
  }

  private begin(key: string, packet: Packet, closed: OpenFlow[]): void {
    this.open.set(key, {
      first: packet,
      start: packet,
      lastMs: packet.ms,
      packetsOut: 1,
      packetsIn: 0,
      bytesOut: packet.bytes,
      bytesIn: packet.bytes === null ? null : 0,
    });
    if (this.open.size <= MAX_OPEN_FLOWS) return;
    // Map order is insertion order: the flows that started first go first.
    for (const [oldKey, old] of this.open) {
      if (this.open.size <= MAX_OPEN_FLOWS * 0.9) break;
      closed.push(old);
      this.open.delete(oldKey);
      this.evicted += 1;
    }
  }

  private sweep(now: number, closed: OpenFlow[]): void {
    for (const [key, flow] of this.open) {
      if (now - flow.lastMs <= IDLE_TIMEOUT_MS) continue;
      closed.push(flow);
      this.open.delete(key);
    }
  }

  private finish(flows: OpenFlow[]): FlowObservation[] {
    flows.sort((a, b) => a.start.ms - b.start.ms || a.first.line - b.first.line);
    return flows.map((f) =>
      flowAt(this.path, f.first.line, {
        time: fromEpochString(f.start.epoch),
        src: f.first.src,
        srcPort: f.first.srcPort,
        dst: f.first.dst,
        dstPort: f.first.dstPort,
        proto: f.first.proto,
        bytesOut: f.bytesOut,
        bytesIn: f.bytesIn,
        packetsOut: f.packetsOut,
        packetsIn: f.packetsIn,
        duration: seconds(f.lastMs - f.start.ms),
        label: null,
      }),
    );
  }
}

/**
 * Milliseconds to seconds, rounded to the microsecond: epoch milliseconds
 * near 1.8e12 carry float noise below that ("0.00966796875" for 9.668 ms).
 * NOTE: nanosecond captures lose their sub-microsecond digits in durations.
 */
function seconds(ms: number): number {
  return Math.round(ms * 1000) / 1e6;
}

function addPacket(flow: OpenFlow, p: Packet): void {
  const out = p.src === flow.first.src && p.srcPort === flow.first.srcPort;
  if (out) flow.packetsOut += 1;
  else flow.packetsIn += 1;
  if (p.bytes === null) {
    flow.bytesOut = null;
    flow.bytesIn = null;
  } else if (out && flow.bytesOut !== null) flow.bytesOut += p.bytes;
  else if (!out && flow.bytesIn !== null) flow.bytesIn += p.bytes;
  if (p.ms < flow.start.ms) flow.start = p;
  if (p.ms > flow.lastMs) flow.lastMs = p.ms;
}

/** The same key for both directions. Example: "tcp|127.0.0.1|8000|127.0.0.1|60014". */
function flowKey(p: Packet): string {
  const a = `${p.src}|${p.srcPort ?? ''}`;
  const b = `${p.dst}|${p.dstPort ?? ''}`;
  return a < b ? `${p.proto ?? ''}|${a}|${b}` : `${p.proto ?? ''}|${b}|${a}`;
}
