import { describe, expect, it } from 'vitest';
import {
  parseCount,
  parsePair,
  parsePercent,
  parseSize,
} from '../../../src/readers/docker/shared/units.js';
import {
  cpuPercent,
  memoryBytes,
  networkTotals,
} from '../../../src/readers/docker/stats/api-math.js';
import { jsonl, ofKind, readText } from './helpers.js';

describe('units', () => {
  it.each([
    { value: '0B', want: 0 },
    { value: '823.3kB', want: 823300 },
    { value: '668KiB', want: 684032 },
    { value: '2.352MiB', want: 2466251 },
    { value: '1.2MB', want: 1200000 },
    { value: '23.54GiB', want: 25275882537 },
    { value: '25.28GB', want: 25280000000 },
    { value: '--', want: null },
    { value: '12XB', want: null },
    { value: 512, want: 512 },
  ])('size $value', ({ value, want }) => {
    expect(parseSize(value)).toBe(want);
  });

  it.each([
    { value: '539kB / 606kB', want: [539000, 606000] },
    { value: '0B / 13.3kB', want: [0, 13300] },
    { value: '-- / --', want: [null, null] },
    { value: 'nonsense', want: [null, null] },
  ])('pair $value', ({ value, want }) => {
    expect(parsePair(value)).toEqual(want);
  });

  it.each([
    { value: '0.96%', percent: 0.96, count: null },
    { value: '--', percent: null, count: null },
    { value: '12', percent: 12, count: 12 },
    { value: '-3', percent: null, count: null },
  ])('percent and count $value', ({ value, percent, count }) => {
    expect(parsePercent(value)).toBe(percent);
    expect(parseCount(value)).toBe(count);
  });
});

const dockerLine = {
  BlockIO: '0B / 13.3kB',
  CPUPerc: '0.03%',
  Container: 'nginx',
  ID: 'ed37317fbf42',
  MemPerc: '0.24%',
  MemUsage: '2.352MiB / 982.5MiB',
  Name: 'nginx',
  NetIO: '539kB / 606kB',
  PIDs: '2',
};

describe('docker stats', () => {
  const want = {
    container: 'ed37317fbf42',
    name: 'nginx',
    cpuPercent: 0.03,
    memoryBytes: 2466251,
    pids: 2,
    netRxBytes: 539000,
    netTxBytes: 606000,
  };

  it('reads an undated sample', async () => {
    const result = await readText('stats.jsonl', jsonl(dockerLine));
    expect(result.format).toBe('docker-stats');
    expect(ofKind(result, 'resource')[0]).toMatchObject({ time: null, ts: null, ...want });
  });

  it('dates samples by their prefix and skips a broken line', async () => {
    const text =
      `2026-12-03T15:51:34.004Z ${JSON.stringify(dockerLine)}\n` +
      `2026-12-03T15:51:35.004Z {"CPUPerc":\n` +
      `2026-12-03T15:51:36.003Z ${JSON.stringify({ ...dockerLine, CPUPerc: '--' })}\n`;
    const result = await readText('stats_timestamped.log', text);
    expect(result.format).toBe('docker-stats');
    expect(result.stats).toMatchObject({ records: 2, skipped: 1 });
    const samples = ofKind(result, 'resource');
    expect(samples[0]).toMatchObject({
      time: '2026-12-03T15:51:34.004Z',
      source: { line: 1 },
      ...want,
    });
    expect(samples[1]).toMatchObject({ time: '2026-12-03T15:51:36.003Z', cpuPercent: null });
  });
});

describe('podman stats', () => {
  const sample = {
    id: '4e4aaba029bc',
    name: 'evidence-tampered',
    cpu_percent: '0.96%',
    mem_usage: '823.3kB / 25.28GB',
    net_io: '1.2MB / 0B',
    pids: '1',
  };
  const want = {
    container: '4e4aaba029bc',
    cpuPercent: 0.96,
    memoryBytes: 823300,
    netRxBytes: 1200000,
  };

  it('reads an array snapshot, undated', async () => {
    const text = JSON.stringify([sample, sample], null, 1);
    const result = await readText('podman_stats.json', text);
    expect(result.format).toBe('podman-stats');
    expect(result.stats.records).toBe(2);
    expect(ofKind(result, 'resource')[0]).toMatchObject({ time: null, ...want });
  });

  it('reads time-prefixed snapshots, empty ones included', async () => {
    const text =
      '2026-12-03T15:51:31.058Z []\n' + `2026-12-03T15:51:35.067Z ${JSON.stringify([sample])}\n`;
    const result = await readText('podman_stats_timestamped.log', text);
    expect(result.format).toBe('podman-stats');
    expect(result.stats.records).toBe(2);
    const samples = ofKind(result, 'resource');
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({
      time: '2026-12-03T15:51:35.067Z',
      source: { line: 2 },
      ...want,
    });
  });
});

describe('Engine API stats', () => {
  const linux = {
    read: '2017-12-06T00:42:03.8352972Z',
    preread: '2017-12-06T00:42:02.8366736Z',
    pids_stats: { current: 2 },
    cpu_stats: {
      cpu_usage: { total_usage: 212198028, percpu_usage: [1, 2, 3, 4] },
      system_cpu_usage: 545941980000000,
    },
    precpu_stats: { cpu_usage: { total_usage: 211307214 }, system_cpu_usage: 545937990000000 },
    memory_stats: { usage: 2887680, stats: { total_inactive_file: 2162688 } },
    name: '/gallant_hamilton',
    id: 'b581d78b03e4',
    networks: { eth0: { rx_bytes: 1230, tx_bytes: 10 }, eth1: { rx_bytes: 70, tx_bytes: 5 } },
  };

  const twoCpus = { ...linux, cpu_stats: { ...linux.cpu_stats, online_cpus: 2 } };
  const first = { ...linux, precpu_stats: { cpu_usage: { total_usage: 0 } } };
  const reset = {
    ...linux,
    precpu_stats: { ...linux.precpu_stats, cpu_usage: { total_usage: 9e9 } },
  };

  it.each([
    { name: 'cgroup v1 with a previous sample', sample: linux, want: 0.0893 },
    { name: 'online_cpus wins over percpu_usage', sample: twoCpus, want: 0.0447 },
    { name: 'first sample: no previous system usage', sample: first, want: null },
    { name: 'counter went back (a restart)', sample: reset, want: null },
    {
      name: 'Windows: 100 ns intervals over read - preread',
      sample: {
        read: '2017-01-11T08:32:47Z',
        preread: '2017-01-11T08:32:46Z',
        num_procs: 2,
        cpu_stats: { cpu_usage: { total_usage: 5_000_000 } },
        precpu_stats: { cpu_usage: { total_usage: 0 } },
      },
      want: 25,
    },
  ])('cpu percent: $name', ({ sample, want }) => {
    expect(cpuPercent(sample as Record<string, unknown>)).toBe(want);
  });

  it.each([
    {
      name: 'v1 less total_inactive_file',
      memory: { usage: 2887680, stats: { total_inactive_file: 2162688 } },
      want: 724992,
    },
    { name: 'v2 less inactive_file', memory: { usage: 90, stats: { inactive_file: 4 } }, want: 86 },
    { name: 'old daemons less cache', memory: { usage: 1000, stats: { cache: 100 } }, want: 900 },
    {
      name: 'inactive above usage is ignored',
      memory: { usage: 100, stats: { inactive_file: 400 } },
      want: 100,
    },
    { name: 'Windows working set', memory: { privateworkingset: 59961344 }, want: 59961344 },
    { name: 'nothing', memory: null, want: null },
  ])('memory: $name', ({ memory, want }) => {
    expect(memoryBytes(memory)).toBe(want);
  });

  it('sums networks', () => {
    expect(networkTotals(linux.networks)).toEqual([1300, 15]);
    expect(networkTotals(undefined)).toEqual([null, null]);
  });

  it.each([
    { name: 'one object', text: JSON.stringify(linux, null, 2), records: 1 },
    { name: 'a stream', text: jsonl(linux, linux, linux), records: 3 },
  ])('reads $name', async ({ text, records }) => {
    const result = await readText('stats.json', text);
    expect(result.format).toBe('docker-api-stats');
    const samples = ofKind(result, 'resource');
    expect(samples).toHaveLength(records);
    expect(samples[0]).toMatchObject({
      time: '2017-12-06T00:42:03.8352972Z',
      container: 'b581d78b03e4',
      name: 'gallant_hamilton',
      memoryBytes: 724992,
      pids: 2,
      netRxBytes: 1300,
    });
  });

  it('skips a stream line that is no stats object', async () => {
    const result = await readText('stats.ndjson', jsonl(linux, { hello: 1 }, linux));
    expect(result.stats).toMatchObject({ records: 2, skipped: 1 });
  });
});
