import type { FlowObservation } from '../../model/observation.js';
import type { Instant } from '../../util/time.js';
import { hasPorts } from './protocols.js';

/** What a flow reader found in one record, before it becomes an observation. */
export type FlowFields = Pick<
  FlowObservation,
  | 'srcPort'
  | 'dstPort'
  | 'proto'
  | 'bytesOut'
  | 'bytesIn'
  | 'packetsOut'
  | 'packetsIn'
  | 'duration'
  | 'label'
> & { time: Instant | null; src: string; dst: string; notes?: string[] };

/**
 * A flow observation at a line of a file. "Out" counts what the source
 * sent to the destination, "in" what came back. ICMP flows have no ports:
 * the numbers exporters put there are a type, a code or an id.
 */
export function flowAt(path: string, line: number, f: FlowFields): FlowObservation {
  const ports = hasPorts(f.proto);
  const obs: FlowObservation = {
    kind: 'flow',
    time: f.time?.iso ?? null,
    ts: f.time?.ms ?? null,
    source: { path, line },
    src: f.src,
    srcPort: ports ? f.srcPort : null,
    dst: f.dst,
    dstPort: ports ? f.dstPort : null,
    proto: f.proto,
    bytesOut: f.bytesOut,
    bytesIn: f.bytesIn,
    packetsOut: f.packetsOut,
    packetsIn: f.packetsIn,
    duration: f.duration,
    label: f.label,
  };
  if (f.notes && f.notes.length > 0) obs.notes = f.notes;
  return obs;
}
