import type { FlowObservation } from '../../../model/observation.js';
import type { Hit, RuleLogic } from '../../rule.js';
import type { IntelHit, IntelMatcher } from '../../settings.js';

/** Bytes sent to a listed address past which the flow reads as exfiltration. */
export const LARGE_UPLOAD_BYTES = 1024 * 1024;

/**
 * Each endpoint of a flow is looked up; a listed one makes a hit whose
 * subject is the other endpoint. Hits key on the listed address, so every
 * flow between one container and one listed address is one finding.
 * Without loaded intel the rule does nothing.
 */
export const networkIntelAddress: RuleLogic = {
  id: 'network-intel-address',
  kinds: ['flow'],
  create(ctx) {
    const intel = ctx.settings.intel;
    return {
      observe(obs, emit) {
        if (!intel || intel.size === 0 || obs.kind !== 'flow') return;
        for (const hit of intelHits(obs, intel)) emit(hit, obs);
      },
    };
  },
};

export function intelHits(flow: FlowObservation, intel: IntelMatcher): Hit[] {
  const hits: Hit[] = [];
  const { src, dst } = flow;
  const toDst = dst ? intel.match(dst) : null;
  if (toDst && dst && src) hits.push(hitFor(flow, dst, src, flow.bytesOut, toDst));
  const fromSrc = src ? intel.match(src) : null;
  if (fromSrc && src && dst) hits.push(hitFor(flow, src, dst, flow.bytesIn, fromSrc));
  return hits;
}

/** `sent` is what the other endpoint sent to the listed one. */
function hitFor(
  flow: FlowObservation,
  listed: string,
  peer: string,
  sent: number | null,
  intel: IntelHit,
): Hit {
  const large = sent !== null && sent > LARGE_UPLOAD_BYTES;
  const description = describeFlow(flow);
  const upload = large ? `; ${mebibytes(sent)} sent to it` : '';
  return {
    subject: { addresses: [peer] },
    summary: `${description}: ${listed} is listed in ${intel.feed} as ${intel.entry}${upload}`,
    key: listed,
    severity: large ? 'critical' : undefined,
    attack: large ? ['T1041'] : undefined,
    vars: { address: listed, peer, feed: intel.feed, entry: intel.entry, flow: description },
  };
}

/** Example: "172.17.0.5:40150 → 203.0.113.66:443/tcp". */
function describeFlow(flow: FlowObservation): string {
  const end = (address: string | null, port: number | null): string => {
    const host = address?.includes(':') && port !== null ? `[${address}]` : (address ?? '?');
    return port === null ? host : `${host}:${port}`;
  };
  const proto = flow.proto ? `/${flow.proto}` : '';
  return `${end(flow.src, flow.srcPort)} → ${end(flow.dst, flow.dstPort)}${proto}`;
}

function mebibytes(bytes: number): string {
  return `${(bytes / LARGE_UPLOAD_BYTES).toFixed(1)} MiB`;
}
