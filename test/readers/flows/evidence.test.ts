import { describe, expect, it } from 'vitest';
import { EVIDENCE, readEvidence } from './helpers.js';

const LAB = 'lab/flows';
const REAL = 'real/flows';
const CIC = 'cicflowmeter';

const READ = [
  { file: `${LAB}/argus_ra_flows.csv`, format: 'argus-csv', records: 1090, flows: 1088 },
  { file: `${LAB}/argus_ra_flows_epoch.csv`, format: 'argus-csv', records: 1090, flows: 1088 },
  { file: `${LAB}/argus_racluster_flows.csv`, format: 'argus-csv', records: 1088, flows: 1088 },
  { file: `${LAB}/softflowd_nfdump_flows.csv`, format: 'nfdump-csv', records: 2147, flows: 2147 },
  { file: `${LAB}/tshark_packets.csv`, format: 'tshark-fields', records: 2611, flows: 1076 },
  { file: `${REAL}/cicflowmeter_2018-02-07_Flow.csv`, format: CIC, records: 53, flows: 53 },
  {
    file: `${REAL}/cicflowmeter_out2015-03-31-traffic-analysis-exercise.csv`,
    format: CIC,
    records: 96,
    flows: 96,
  },
  {
    file: `${REAL}/cicflowmeter_test.pcap_CIC_2017spaced.csv`,
    format: CIC,
    records: 96,
    flows: 96,
  },
  { file: `${REAL}/cicflowmeter_test_Flow_2018abbrev.csv`, format: CIC, records: 26, flows: 26 },
  {
    file: 'edgecases/01-cic-header-leading-spaces/cicids2017-leading-spaces.csv',
    format: CIC,
    records: 2,
    flows: 2,
  },
  {
    file: 'edgecases/02-cic-duplicate-column/cic-duplicate-fwd-header-length.csv',
    format: CIC,
    records: 2,
    flows: 2,
  },
  { file: 'edgecases/03-cic-infinity-nan/cic-infinity-nan.csv', format: CIC, records: 4, flows: 4 },
  { file: 'edgecases/22-csv-bom-crlf/flows-excel-export.csv', format: CIC, records: 2, flows: 2 },
  {
    file: 'edgecases/25-ipv6-mapped-flows/tshark-fields.csv',
    format: 'tshark-fields',
    records: 2,
    flows: 2,
  },
];

const ZEEK_JSON = /^Zeek log \(JSON lines\): Zeek logs are read by a later version$/;

const SKIPPED = [
  { file: `${LAB}/loopback.argus`, why: /^Argus binary file: export it as CSV with ra -r FILE/ },
  {
    file: `${LAB}/loopback.pcap`,
    why: /^packet capture: derive flows with CICFlowMeter, Zeek, argus or nfdump first$/,
  },
  {
    file: `${LAB}/softflowd_nfcapd.nfcapd`,
    why: /^nfcapd binary: export with nfdump -r FILE -o csv$/,
  },
  { file: `${LAB}/softflowd_nfdump_flows.json`, why: /^nfdump JSON output: read by a later/ },
  { file: `${LAB}/softflowd_nfdump_flows_extended.txt`, why: /^nfdump text output: read by a/ },
  { file: `${LAB}/tshark_conv.txt`, why: /^tshark conversation table: read by a later version/ },
  { file: `${LAB}/tshark_http_requests.csv`, why: /^tshark field export with application-layer/ },
  { file: `${REAL}/tenzir_blog_zeek_json_streaming_mixed.ndjson`, why: ZEEK_JSON },
  { file: `${REAL}/zeek_btest_core.tunnels.geneve_conn.log`, why: /^Zeek conn log \(TSV/ },
  { file: `${REAL}/zeek_btest_core.tunnels.vxlan_conn.log`, why: /^Zeek conn log \(TSV/ },
  { file: 'edgecases/05-zeek-empty-unset-escapes/conn.log', why: /^Zeek conn log/ },
  { file: 'edgecases/05-zeek-empty-unset-escapes/http.log', why: /^Zeek http log/ },
  { file: 'edgecases/06-zeek-scope-separator/conn.json', why: ZEEK_JSON },
  { file: 'edgecases/06-zeek-scope-separator/conn.log', why: /^Zeek conn log/ },
  { file: 'edgecases/08-zeek-json-dotted-iso/conn-epoch.json', why: ZEEK_JSON },
  { file: 'edgecases/08-zeek-json-dotted-iso/conn-iso8601.json', why: ZEEK_JSON },
  { file: 'edgecases/25-ipv6-mapped-flows/conn.log', why: /^Zeek conn log/ },
];

describe.runIf(EVIDENCE)('network evidence files', () => {
  it.each(READ)('$file is read as $format', async ({ file, format, records, flows }) => {
    const got = await readEvidence(file);
    expect(got.format).toBe(format);
    expect(got.stats!.records).toBe(records);
    expect(got.stats!.skipped).toBe(0);
    expect(got.flows).toHaveLength(flows);
    for (const flow of got.flows) expect(flow.src && flow.dst, JSON.stringify(flow)).toBeTruthy();
  });

  it.each(SKIPPED)('$file is skipped with a reason', async ({ file, why }) => {
    const got = await readEvidence(file);
    expect(got.format).toBe('skipped');
    expect(got.reason).toMatch(why);
  });

  it.each([
    `${LAB}/argus_ra_flows_epoch.csv`,
    `${LAB}/softflowd_nfdump_flows.csv`,
    `${LAB}/tshark_packets.csv`,
  ])('%s holds the 1 MiB upload to port 4444', async (file) => {
    const { flows } = await readEvidence(file);
    const upload = flows.filter((f) => f.dstPort === 4444 && (f.bytesOut ?? 0) > 1024 * 1024);
    expect(upload).toHaveLength(1);
    expect(upload[0]!.time).toMatch(/^2026-12-03T15:34:23/);
  });

  it.each([`${LAB}/argus_ra_flows_epoch.csv`, `${LAB}/tshark_packets.csv`])(
    '%s holds the ten IPv6 beacon requests to [::1]:8001',
    async (file) => {
      const { flows } = await readEvidence(file);
      // Each request sends about 613 bytes; argus lists the replies as flows of their own.
      const requests = flows.filter(
        (f) => f.dst === '::1' && f.dstPort === 8001 && (f.bytesOut ?? 0) > 600,
      );
      expect(requests).toHaveLength(10);
      const gaps = requests.slice(1).map((f, i) => (f.ts! - requests[i]!.ts!) / 1000);
      for (const gap of gaps) expect(gap).toBeCloseTo(6.016, 1);
    },
  );
});
