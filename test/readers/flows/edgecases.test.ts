import { describe, expect, it } from 'vitest';
import { matcher, type AdsCard, type Rule } from '../../../src/detect/rule.js';
import { networkIntelAddress } from '../../../src/detect/rules/network/intel-address.js';
import { IntelIndex } from '../../../src/intel/matcher.js';
import type { FlowObservation } from '../../../src/model/observation.js';
import { runRule } from '../../helpers/rules.js';
import { EVIDENCE, readEvidence } from './helpers.js';

/**
 * The illustrative rules of the edge-case READMEs, written as test rules
 * through the project's own rule mechanism.
 */
function testRule(id: string, test: (flow: FlowObservation) => boolean): Rule {
  const card: AdsCard = {
    id,
    title: id,
    severity: 'medium',
    confidence: 1,
    attack: [],
    dataSources: ['flows'],
    goal: 'edge-case check',
    strategy: 'edge-case check',
    blindSpots: [],
    falsePositives: [],
    validation: { positive: [], negative: [] },
    response: [],
  };
  const logic = matcher(id, ['flow'], (flow) =>
    test(flow) ? { subject: { addresses: [flow.src!] }, summary: id } : null,
  );
  return { card, kinds: logic.kinds, create: logic.create };
}

const notBenign = testRule('label-not-benign', (f) => f.label !== null && f.label !== 'BENIGN');
/** Flow Bytes/s as CICFlowMeter computes it; zero-length flows have no rate. */
const fastFlow = testRule('flow-bytes-per-second-over-1e6', (f) => {
  const rate = ((f.bytesOut ?? 0) + (f.bytesIn ?? 0)) / (f.duration ?? 0);
  return Number.isFinite(rate) && rate > 1e6;
});
const port4444 = testRule('port-4444', (f) => f.dstPort === 4444);

describe.runIf(EVIDENCE)('flow edge cases', () => {
  it('01: trims header names, so the label rule sees one slowloris flow', async () => {
    const { flows } = await readEvidence(
      'edgecases/01-cic-header-leading-spaces/cicids2017-leading-spaces.csv',
    );
    expect(flows.map((f) => [f.src, f.srcPort, f.dst, f.dstPort, f.proto, f.label])).toEqual([
      ['192.0.2.10', 51514, '198.51.100.20', 80, 'tcp', 'BENIGN'],
      ['203.0.113.7', 40022, '192.0.2.80', 80, 'tcp', 'DoS slowloris'],
    ]);
    expect(flows[1]!.duration).toBe(5.998321);
    const hits = runRule(notBenign, flows);
    expect(hits.map((h) => h.hit.evidence)).toEqual([[flows[1]!.source]]);
  });

  it('02: warns once for the duplicated header and once for the row that disagrees', async () => {
    const { flows, stats } = await readEvidence(
      'edgecases/02-cic-duplicate-column/cic-duplicate-fwd-header-length.csv',
    );
    expect(flows).toHaveLength(2);
    expect(stats!.warnings).toEqual([
      {
        line: 1,
        message: "header 'Fwd Header Length' appears at columns 9 and 12; the first is used",
      },
      {
        line: 3,
        message:
          "columns 9 and 12 ('Fwd Header Length') disagree: '160' and '9999'; the first is used",
      },
    ]);
  });

  it('03: keeps all four rows, and the rate rule fires on the DDoS row only', async () => {
    const { flows } = await readEvidence('edgecases/03-cic-infinity-nan/cic-infinity-nan.csv');
    expect(flows).toHaveLength(4);
    const hits = runRule(fastFlow, flows);
    expect(hits).toHaveLength(1);
    const flow = flows.find((f) => f.source === hits[0]!.hit.evidence![0])!;
    expect([flow.src, flow.dst, flow.dstPort, flow.label]).toEqual([
      '192.0.2.23',
      '198.51.100.32',
      80,
      'DDoS',
    ]);
  });

  it('22: strips the BOM and the CRs; one flow goes to port 4444, one is not benign', async () => {
    const { flows } = await readEvidence('edgecases/22-csv-bom-crlf/flows-excel-export.csv');
    expect(flows.map((f) => f.label)).toEqual(['BENIGN', 'C2']);
    for (const rule of [notBenign, port4444]) {
      const hits = runRule(rule, flows);
      expect(hits.map((h) => h.hit.summary)).toEqual([rule.card.id]);
      expect(hits[0]!.hit.evidence).toEqual([flows[1]!.source]);
    }
  });

  it('25: merges the tshark address columns, and the IOC rule fires once', async () => {
    const { flows } = await readEvidence('edgecases/25-ipv6-mapped-flows/tshark-fields.csv');
    expect(flows.map((f) => f.src)).toEqual(['192.0.2.50', '2001:db8:5::50']);
    const intel = new IntelIndex();
    intel.addAddress('203.0.113.66', { feed: 'ioc.txt', entry: '203.0.113.66' });
    const hits = runRule(networkIntelAddress, flows, { intel });
    expect(hits.map((h) => h.hit.subject)).toEqual([{ addresses: ['192.0.2.50'] }]);
  });
});
