import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LARGE_UPLOAD_BYTES,
  networkIntelAddress,
} from '../../../src/detect/rules/network/intel-address.js';
import { parseAddress, parseNetwork } from '../../../src/model/address.js';
import { loadIntel } from '../../../src/intel/load.js';
import { IntelIndex } from '../../../src/intel/matcher.js';
import type { FlowObservation } from '../../../src/model/observation.js';
import { nfdumpCsv } from '../../../src/readers/flows/nfdump-csv.js';
import type { ReportDocument } from '../../../src/report/document.js';
import { PROJECT, runCli } from '../../helpers/cli.js';
import { packRule, runRule } from '../../helpers/rules.js';
import { readWith } from '../../readers/flows/helpers.js';

const FIXTURES = join(PROJECT, 'fixtures/rules/network-intel-address');
const POSITIVE = join(FIXTURES, 'positive');
const NEGATIVE = join(FIXTURES, 'negative');

function flow(over: Partial<FlowObservation> = {}): FlowObservation {
  return {
    kind: 'flow',
    time: '2026-11-30T09:16:00Z',
    ts: Date.parse('2026-11-30T09:16:00Z'),
    source: { path: 'flows.csv', line: 2 },
    src: '172.17.0.5',
    srcPort: 40150,
    dst: '192.0.2.10',
    dstPort: 443,
    proto: 'tcp',
    bytesOut: 1000,
    bytesIn: 5000,
    packetsOut: 10,
    packetsIn: 10,
    duration: 1,
    label: null,
    ...over,
  };
}

function intelOf(...entries: string[]): IntelIndex {
  const intel = new IntelIndex();
  for (const entry of entries) {
    const hit = { feed: 'bad.txt', entry };
    if (entry.includes('/')) intel.addNetwork(parseNetwork(entry)!, hit);
    else intel.addAddress(parseAddress(entry)!.canonical, hit);
  }
  return intel;
}

const INTEL = intelOf('203.0.113.66', '198.51.100.0/24', '2001:db8:bad::/48');

describe('network-intel-address', () => {
  it.each([
    {
      name: 'a flow to a listed address',
      flow: flow({ dst: '203.0.113.66' }),
      want: {
        subject: { addresses: ['172.17.0.5'] },
        key: '203.0.113.66',
        severity: undefined,
        attack: undefined,
        summary:
          '172.17.0.5:40150 → 203.0.113.66:443/tcp: 203.0.113.66 is listed in bad.txt ' +
          'as 203.0.113.66',
      },
    },
    {
      name: 'a large upload to a listed network',
      flow: flow({ dst: '198.51.100.77', dstPort: 3333, bytesOut: LARGE_UPLOAD_BYTES + 1 }),
      want: {
        subject: { addresses: ['172.17.0.5'] },
        key: '198.51.100.77',
        severity: 'critical',
        attack: ['T1041'],
        summary:
          '172.17.0.5:40150 → 198.51.100.77:3333/tcp: 198.51.100.77 is listed in bad.txt ' +
          'as 198.51.100.0/24; 1.0 MiB sent to it',
      },
    },
    {
      name: 'a connection from a listed IPv6 address',
      flow: flow({ src: '2001:db8:bad::9', srcPort: 4444, dst: '2001:db8:1::20', dstPort: 51000 }),
      want: {
        subject: { addresses: ['2001:db8:1::20'] },
        key: '2001:db8:bad::9',
        severity: undefined,
        attack: undefined,
        summary:
          '[2001:db8:bad::9]:4444 → [2001:db8:1::20]:51000/tcp: 2001:db8:bad::9 is listed in ' +
          'bad.txt as 2001:db8:bad::/48',
      },
    },
    {
      name: 'a large download from a listed address (what came back counts)',
      flow: flow({ src: '203.0.113.66', dst: '10.0.0.9', bytesOut: 5e6, bytesIn: 10 }),
      want: { subject: { addresses: ['10.0.0.9'] }, severity: undefined },
    },
    {
      name: 'a large upload to a listed address that answered first',
      flow: flow({ src: '203.0.113.66', dst: '10.0.0.9', bytesOut: 10, bytesIn: 2e6 }),
      want: { subject: { addresses: ['10.0.0.9'] }, severity: 'critical', attack: ['T1041'] },
    },
    {
      name: 'ICMP with no ports',
      flow: flow({ dst: '203.0.113.66', proto: 'icmp', srcPort: null, dstPort: null }),
      want: {
        summary:
          '172.17.0.5 → 203.0.113.66/icmp: 203.0.113.66 is listed in bad.txt as 203.0.113.66',
      },
    },
  ])('fires on $name', ({ flow: obs, want }) => {
    const hits = runRule(networkIntelAddress, [obs], { intel: INTEL });
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit).toMatchObject(want);
    expect(hits[0]!.hit.evidence).toEqual([obs.source]);
  });

  it('fires twice when both ends are listed, each naming the other', () => {
    const obs = flow({ src: '198.51.100.1', dst: '203.0.113.66' });
    const hits = runRule(networkIntelAddress, [obs], { intel: INTEL });
    expect(hits.map((h) => [h.hit.key, h.hit.subject])).toEqual([
      ['203.0.113.66', { addresses: ['198.51.100.1'] }],
      ['198.51.100.1', { addresses: ['203.0.113.66'] }],
    ]);
  });

  it.each([
    { name: 'unlisted addresses', flow: flow(), intel: INTEL },
    { name: 'a neighbour of a listed address', flow: flow({ dst: '203.0.113.67' }), intel: INTEL },
    { name: 'no intel loaded', flow: flow({ dst: '203.0.113.66' }), intel: null },
    { name: 'empty intel', flow: flow({ dst: '203.0.113.66' }), intel: intelOf() },
  ])('stays quiet on $name', ({ flow: obs, intel }) => {
    expect(runRule(networkIntelAddress, [obs], { intel })).toEqual([]);
  });

  it('carries the values its response steps name', () => {
    const [hit] = runRule(networkIntelAddress, [flow({ dst: '203.0.113.66' })], { intel: INTEL });
    expect(hit!.hit.vars).toEqual({
      address: '203.0.113.66',
      peer: '172.17.0.5',
      feed: 'bad.txt',
      entry: '203.0.113.66',
      flow: '172.17.0.5:40150 → 203.0.113.66:443/tcp',
    });
    const steps = packRule(networkIntelAddress).card.response;
    const names = new Set(steps.flatMap((s) => s.match(/\{\w+\}/g) ?? []));
    for (const name of names) {
      if (name !== '{entity}') expect(Object.keys(hit!.hit.vars!)).toContain(name.slice(1, -1));
    }
  });
});

describe('network-intel-address on its fixtures', () => {
  async function hitsFor(dir: string) {
    const csv = await readFile(join(dir, 'flows.nfdump.csv'), 'utf8');
    const { flows } = await readWith(nfdumpCsv, csv);
    const intel = await loadIntel([join(dir, 'feed.txt')]);
    return runRule(networkIntelAddress, flows, { intel });
  }

  it('fires on each flow to or from a listed address', async () => {
    const hits = await hitsFor(POSITIVE);
    const got = hits.map((h) => [h.hit.evidence![0]!.line, h.hit.key, h.hit.severity ?? 'high']);
    expect(got).toEqual([
      [2, '203.0.113.66', 'critical'],
      [3, '203.0.113.66', 'high'],
      [4, '198.51.100.77', 'high'],
      [5, '2001:db8:bad::9', 'high'],
    ]);
  });

  it('stays quiet on the benign twin', async () => {
    expect(await hitsFor(NEGATIVE)).toEqual([]);
  });

  it('merges repeats into one finding per container and address, in the report', async () => {
    const flows = join(POSITIVE, 'flows.nfdump.csv');
    const args = ['analyze', flows, '--intel', join(POSITIVE, 'feed.txt'), '--format', 'json'];
    const result = await runCli(args);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as ReportDocument;
    const findings = report.findings.filter((f) => f.rule === 'network-intel-address');
    const got = findings
      .map((f) => [f.severity, f.attack, f.evidence.map((e) => e.line)])
      .sort((a, b) => String(a[2]).localeCompare(String(b[2])));
    expect(got).toEqual([
      ['critical', ['T1041', 'T1071'], [2, 3]],
      ['high', ['T1071'], [4]],
      ['high', ['T1071'], [5]],
    ]);
  });
});
