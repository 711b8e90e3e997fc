import type { FlowObservation } from '../../../model/observation.js';
import type { AdsCard, Hit, Rule } from '../../rule.js';
import type { IntelHit, IntelMatcher } from '../../settings.js';

/** Bytes sent to a listed address past which the flow reads as exfiltration. */
export const LARGE_UPLOAD_BYTES = 1024 * 1024;

const card: AdsCard = {
  id: 'network-intel-address',
  title: 'Traffic to or from an address on a threat-intelligence list',
  severity: 'high',
  confidence: 0.75,
  attack: ['T1071'],
  dataSources: [
    'network flows: CICFlowMeter, nfdump and argus CSV, tshark packet fields',
    'threat intelligence: plain IP and CIDR lists given with --intel',
  ],
  goal:
    'Find containers that talk to known-malicious infrastructure (command and control, ' +
    'mining pools, drop sites), the traffic a payload hidden in a container cannot avoid.',
  strategy:
    'Look up both endpoints of every flow in the loaded lists (exact addresses, then the ' +
    'most specific network). A hit names the other endpoint as the container side; more ' +
    'than 1 MiB sent to the listed address raises it to critical as likely exfiltration.',
  blindSpots: [
    'Does nothing without --intel; it is as good as the lists it is given.',
    'Traffic through a proxy, NAT gateway or service mesh shows the middlebox, not the container.',
    'Infrastructure that moved to fresh addresses, or hides behind shared CDNs, is not listed.',
    'Exports without byte counts (some CICFlowMeter column sets) never reach critical.',
  ],
  falsePositives: [
    'Stale list entries: addresses reassigned to benign hosts or cloud tenants.',
    'Broad ranges (a whole provider /16) that cover legitimate services.',
    'Security scanners and sinkholes that the lists name on purpose.',
  ],
  validation: [
    'fixtures/network/intel-address/flows.nfdump.csv with fixtures/network/intel-address/intel.txt',
    'fixtures/network/intel-address/benign.nfdump.csv (stays quiet)',
    'test/rules/network/intel-address.test.ts',
  ],
  response: [
    'Cut {entity} off from {address} (egress policy or firewall); keep it running for forensics.',
    'Find the process in {entity} that opened {flow}; capture its memory and filesystem.',
    'Search every flow export and DNS log for {address} to find other workloads that talked to it.',
    'Review the entry {entry} in {feed}: why it is listed, and since when.',
    'If data left (critical), work out what {entity} could read and rotate its credentials.',
  ],
};

/**
 * Each endpoint of a flow is looked up; a listed one makes a hit whose
 * subject is the other endpoint. Hits key on the listed address, so every
 * flow between one container and one listed address is one finding.
 * Without loaded intel the rule does nothing.
 */
export const networkIntelAddress: Rule = {
  card,
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
