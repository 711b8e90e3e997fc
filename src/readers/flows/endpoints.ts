import type { Cells } from './read-rows.js';
import * as v from './values.js';

/** The columns every flow CSV dialect maps the same way. */
export type EndpointKey =
  | 'src'
  | 'srcPort'
  | 'dst'
  | 'dstPort'
  | 'proto'
  | 'bytesOut'
  | 'bytesIn'
  | 'packetsOut'
  | 'packetsIn'
  | 'label';

/**
 * Who talked to whom and how much, read the same way from any dialect; the
 * dialects differ only in their time and duration columns.
 */
export function endpointFields(c: Cells<EndpointKey>) {
  return {
    src: c.get('src', v.address),
    srcPort: c.get('srcPort', v.port),
    dst: c.get('dst', v.address),
    dstPort: c.get('dstPort', v.port),
    proto: c.get('proto', v.proto),
    bytesOut: c.get('bytesOut', v.count),
    bytesIn: c.get('bytesIn', v.count),
    packetsOut: c.get('packetsOut', v.count),
    packetsIn: c.get('packetsIn', v.count),
    label: v.label(c.raw('label')),
  };
}
