import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../src/model/observation.js';
import { ofKind, readPath } from './helpers.js';

/**
 * Every real and lab evidence file of the Docker and Podman family is read
 * (records > 0) or recognized and skipped with a reason. The files live
 * outside the project and are never copied into it; without them these
 * tests are skipped, saying so.
 */
const EVIDENCE = process.env.STOWAWAY_EVIDENCE ?? resolve('../shared/evidence');
const present = existsSync(EVIDENCE);
if (!present) console.warn(`evidence folder ${EVIDENCE} not found: real-evidence tests skipped`);

const at = (path: string): string => join(EVIDENCE, path);

/** The observations of one kind that a file gives. */
async function observed<K extends Observation['kind']>(path: string, kind: K) {
  return ofKind(await readPath(at(path)), kind);
}

const POD = 'lab/podman';
const CLI = 'lab/docker-cli';
const REAL = 'real/docker';
const LOGS = 'real/docker/logs';
const METRICS = 'real/metrics';
const E16 = 'edgecases/16-docker-events-api-versions';
const E20 = 'edgecases/20-utf16le-powershell';
const E23 = 'edgecases/23-jsonl-bom-eof-truncation';

/** Path, reader id, records, observations, and skipped records. */
type Row = [string, string, number, number, number?];

const READ: Row[] = [
  [`${POD}/podman_events.json`, 'podman-events', 48, 48],
  [`${POD}/podman_events_file_backend.log`, 'podman-events', 48, 48],
  [`${POD}/podman_inspect_running.json`, 'podman-inspect', 5, 5],
  [`${POD}/podman_inspect_exited.json`, 'podman-inspect', 5, 5],
  [`${POD}/podman_ps_running.json`, 'podman-ps', 5, 5],
  [`${POD}/podman_ps_exited.json`, 'podman-ps', 5, 5],
  [`${POD}/podman_stats.json`, 'podman-stats', 5, 5],
  [`${POD}/podman_stats_tampered.json`, 'podman-stats', 1, 1],
  [`${POD}/podman_logs_tampered.txt`, 'container-logs', 1, 1],
  [`${POD}/podman_logs_web.txt`, 'container-logs', 1, 1],
  [`${CLI}/events.ndjson`, 'docker-events', 46, 46],
  [`${CLI}/podman_events_file_backend.log`, 'podman-events', 48, 48],
  [`${CLI}/inspect.json`, 'docker-inspect', 4, 4],
  [`${CLI}/ghost_inspect_live.json`, 'docker-inspect', 1, 1],
  [`${CLI}/ps_a.ndjson`, 'docker-ps', 4, 4],
  [`${CLI}/stats_nostream.ndjson`, 'docker-stats', 408, 408],
  [`${CLI}/stats_timestamped.log`, 'docker-stats', 408, 408],
  [`${CLI}/podman_stats_timestamped.log`, 'podman-stats', 197, 666],
  [`${CLI}/api_stats_flaky.ndjson`, 'docker-api-stats', 3, 3],
  [`${CLI}/api_stats_quiet.ndjson`, 'docker-api-stats', 16, 16],
  [`${CLI}/api_stats_web.ndjson`, 'docker-api-stats', 39, 39],
  [`${CLI}/api_stats_worker.ndjson`, 'docker-api-stats', 24, 24],
  [`${CLI}/logs_flaky.txt`, 'container-logs', 12, 12],
  [`${CLI}/quiet.log`, 'container-logs', 40, 40],
  [`${CLI}/quiet.stderr.log`, 'container-logs', 1, 1],
  [`${REAL}/deck-chores_events_00_docker19-2019.ndjson`, 'docker-events', 31, 31],
  [`${REAL}/dockercli_docker-events-json.golden.ndjson`, 'docker-events', 4, 4],
  [`${REAL}/dockercli_docker-events-default.golden.txt`, 'docker-events-text', 4, 4],
  [`${POD}/podman_diff_tampered.json`, 'container-diff', 6, 6],
  [`${POD}/podman_diff_web.json`, 'container-diff', 1, 1],
  [`${CLI}/diff_web.txt`, 'container-diff', 1, 1],
  [`${CLI}/diff_worker.txt`, 'container-diff', 1, 1],
  [`${REAL}/dockercli_docs_docker-stats.jsonl`, 'docker-stats', 1, 1],
  [`${REAL}/watchtower_container_net_consumer.json`, 'docker-inspect', 1, 1],
  [`${REAL}/watchtower_container_net_supplier.json`, 'docker-inspect', 1, 1],
  [`${REAL}/watchtower_container_restarting.json`, 'docker-inspect', 1, 1],
  [`${REAL}/watchtower_container_running.json`, 'docker-inspect', 1, 1],
  [`${LOGS}/beats_docker_corrupted-json.log`, 'container-logs', 20, 20, 1],
  [`${LOGS}/loki-promtail_partial.log`, 'container-logs', 1, 1],
  [`${LOGS}/loki-promtail_partial-tty.log`, 'container-logs', 1, 1],
  [`${METRICS}/docker-java_api-1.27_stats1.json`, 'docker-api-stats', 1, 1],
  [`${METRICS}/otel-contrib_cgroups_v2_stats.json`, 'docker-api-stats', 1, 1],
  [`${METRICS}/otel-contrib_single_container_cgv1_stats.json`, 'docker-api-stats', 1, 1],
  [`${METRICS}/telegraf_windows_container_stats.json`, 'docker-api-stats', 1, 1],
  [`${E16}/docker-events.jsonl`, 'docker-events', 8, 8],
  [`${E20}/docker-events.ps51.jsonl`, 'docker-events', 2, 2],
  [`${E20}/docker-inspect.ps51.json`, 'docker-inspect', 1, 1],
  [`${E23}/events-bom-no-final-newline.jsonl`, 'docker-events', 3, 3],
  [`${E23}/events-crlf-blank-lines.jsonl`, 'docker-events', 3, 3],
  [`${E23}/events-truncated-last-line.jsonl`, 'docker-events', 2, 2, 1],
];

const SKIPPED: [string, RegExp][] = [
  [`${POD}/podman_events.txt`, /--format json/],
  [`${POD}/podman_info.json`, /runtime/],
  [`${POD}/podman_version.json`, /runtime/],
  [`${POD}/podman_top_tampered.txt`, /process table/],
  [`${CLI}/docker_info.json`, /runtime/],
  [`${CLI}/docker_version.json`, /runtime/],
  [`${CLI}/ghost_logs_attempt.txt`, /error message.*'none' log driver/],
  [`${CLI}/logs_web.txt`, /empty file/],
  [`${METRICS}/kubesphere_metrics-matrix-type-prom.json`, /Prometheus/],
  [`${METRICS}/nri-kubernetes_k8s-1.31_stats_summary.json`, /stats\/summary/],
  [`${METRICS}/nri-kubernetes_k8s-1.35_stats_summary.json`, /stats\/summary/],
];

describe.skipIf(!present)('real evidence: formats and counts', () => {
  it.each(READ)('%s', async (path, format, records, obs, skipped = 0) => {
    const result = await readPath(at(path));
    expect(result.format).toBe(format);
    expect(result.stats.records).toBe(records);
    expect(result.stats.skipped).toBe(skipped);
    expect(result.observations).toHaveLength(obs);
  });

  it.each(SKIPPED)('%s is skipped with a reason', async (path, reason) => {
    const result = await readPath(at(path));
    expect(result.format).toBe('unknown');
    expect(result.skip).toMatch(reason);
  });
});

describe.skipIf(!present)('real evidence: values', () => {
  it('edge case 16: every API shape, nanosecond times, split verbs', async () => {
    const events = await observed(`${E16}/docker-events.jsonl`, 'lifecycle');
    expect(events.map((e) => [e.action, e.detail, e.exitCode, e.time])).toEqual([
      ['die', null, null, '2024-03-01T10:13:20Z'],
      ['create', null, null, '2024-03-01T10:13:21.120000001Z'],
      ['connect', 'bridge', null, '2024-03-01T10:13:21.180000002Z'],
      ['exec_create', '/bin/sh -c id', null, '2024-03-01T10:13:25.000000001Z'],
      ['exec_start', '/bin/sh -c id', null, '2024-03-01T10:13:25.000003000Z'],
      ['health_status', 'healthy', null, '2024-03-01T10:13:50.000000000Z'],
      ['kill', 'signal 9', null, '2024-03-01T10:14:20.999999999Z'],
      ['die', null, 137, '2024-03-01T10:14:21.000000005Z'],
    ]);
    expect(events[0]).toMatchObject({
      image: 'example/legacy:1.0',
      container: expect.stringMatching(/^75d7/),
    });
    expect(new Set(events.slice(1).map((e) => e.container)).size).toBe(1);
    expect(events[2]?.container).toBe(events[1]?.container);
  });

  it('deck-chores: network events name containers; kill and die keep signal, code', async () => {
    const events = await observed(
      `${REAL}/deck-chores_events_00_docker19-2019.ndjson`,
      'lifecycle',
    );
    const network = events.filter((e) => e.notes?.includes('type:network'));
    expect(network).toHaveLength(10);
    expect(network.filter((e) => e.container !== null)).toHaveLength(9);
    expect(network.every((e) => e.detail === 'sojus_default')).toBe(true);
    expect(events.filter((e) => e.action === 'kill').every((e) => /^signal /.test(e.detail!))).toBe(
      true,
    );
    expect(events.filter((e) => e.action === 'die').map((e) => e.exitCode)).toContain(137);
  });

  it('text and JSON golden files of the docker CLI say the same', async () => {
    const pick = (e: {
      action: string;
      container: string | null;
      image: string | null;
      time: string | null;
    }) => [e.action, e.container, e.image, e.time];
    const text = await observed(`${REAL}/dockercli_docker-events-default.golden.txt`, 'lifecycle');
    const json = await observed(`${REAL}/dockercli_docker-events-json.golden.ndjson`, 'lifecycle');
    expect(text.map(pick)).toEqual(json.map(pick));
    expect(text.map((e) => e.action)).toEqual(['create', 'start', 'attach', 'die']);
  });

  it('podman image events: loads from archives, pulls and saves', async () => {
    const events = await observed(`${POD}/podman_events.json`, 'lifecycle');
    const images = events.filter((e) => e.notes?.includes('type:image'));
    expect(images.map((e) => e.action)).toEqual([
      'load',
      'load',
      'pull',
      'pull',
      'pull',
      'pull',
      'pull',
      'save',
      'save',
    ]);
    expect(images[0]).toMatchObject({ detail: '/srv/lab/images/base.docker.tar', image: null });
    expect(images[2]).toMatchObject({ image: 'docker.io/evidence/base:1.0', container: null });
    expect(images[7]?.image).toMatch(/^sha256:cda5efac/);
  });

  it('diffs: the tampered container added /tmp/.x and /host', async () => {
    const changes = await observed(`${POD}/podman_diff_tampered.json`, 'file-change');
    expect(changes.filter((c) => c.change === 'added').map((c) => c.path)).toEqual([
      '/tmp/.x',
      '/host',
    ]);
    expect(new Set(changes.map((c) => c.name))).toEqual(new Set(['tampered']));
    const [web] = await observed(`${CLI}/diff_web.txt`, 'file-change');
    expect(web).toMatchObject({ name: 'web', path: '/etc', change: 'changed', time: null });
  });

  it('edge case 20: UTF-16LE inspect and events', async () => {
    const [config] = await observed(`${E20}/docker-inspect.ps51.json`, 'config');
    expect(config).toMatchObject({ name: 'agent', privileged: true, finished: null });
    expect(config?.mounts.map((m) => `${m.source}:${m.destination}:${m.readOnly}`)).toEqual([
      '/var/run/docker.sock:/var/run/docker.sock:false',
      '/:/host:true',
    ]);
    const events = await observed(`${E20}/docker-events.ps51.jsonl`, 'lifecycle');
    expect(events.map((e) => [e.action, e.detail])).toEqual([
      ['start', null],
      ['exec_start', 'sh'],
    ]);
  });

  it('podman events: a died with exit 0 has no code; a failure has its own', async () => {
    const events = await observed(`${POD}/podman_events.json`, 'lifecycle');
    const died = events.filter((e) => e.action === 'die').map((e) => [e.name, e.exitCode]);
    expect(died).toEqual([
      ['evidence-hello', null],
      ['evidence-fail', 3],
      ['evidence-tampered', 137],
      ['evidence-web', 137],
      ['evidence-caps', 137],
    ]);
    expect(events.filter((e) => e.action === 'destroy')).toHaveLength(5);
  });

  it('podman inspect: the tampered and caps containers', async () => {
    const configs = await observed(`${POD}/podman_inspect_running.json`, 'config');
    const byName = new Map(configs.map((c) => [c.name, c]));
    expect(byName.get('evidence-tampered')).toMatchObject({
      privileged: true,
      seccomp: 'unconfined',
      user: '0:0',
      mounts: [{ destination: '/host', readOnly: false, type: 'bind' }],
      imageId: expect.stringMatching(/^sha256:cda5efac/),
    });
    expect(byName.get('evidence-caps')?.capAdd).toEqual(['NET_ADMIN', 'SYS_ADMIN', 'SYS_PTRACE']);
  });

  it('docker inspect: flaky restarted five times, ghost logs nothing', async () => {
    const configs = await observed(`${CLI}/inspect.json`, 'config');
    expect(configs.find((c) => c.name === 'flaky')).toMatchObject({ restartCount: 5, exitCode: 1 });
    const [ghost] = await observed(`${CLI}/ghost_inspect_live.json`, 'config');
    expect(ghost).toMatchObject({ logDriver: 'none', privileged: true, user: '0:0' });
    const [consumer] = await observed(`${REAL}/watchtower_container_net_consumer.json`, 'config');
    expect(consumer?.networkMode).toMatch(/^container:25e75393800b/);
  });

  it('logs: a 16 KiB line split across frames or TTY parts is whole again', async () => {
    for (const file of ['loki-promtail_partial.log', 'loki-promtail_partial-tty.log']) {
      const [log] = await observed(`${LOGS}/${file}`, 'log');
      expect(log?.message).toBe('a'.repeat(16385));
    }
    const beats = await readPath(at(`${LOGS}/beats_docker_corrupted-json.log`));
    expect(beats.stats.warnings[0]?.line).toBe(7);
  });

  it('Engine API stats: the docker CLI arithmetic', async () => {
    const read = async (file: string) => (await observed(`${METRICS}/${file}`, 'resource'))[0];
    expect(await read('docker-java_api-1.27_stats1.json')).toMatchObject({
      cpuPercent: 0.0893,
      memoryBytes: 647168,
      pids: 2,
      netRxBytes: 1230,
    });
    expect(await read('otel-contrib_single_container_cgv1_stats.json')).toMatchObject({
      cpuPercent: null,
      memoryBytes: 724992,
    });
    expect(await read('otel-contrib_cgroups_v2_stats.json')).toMatchObject({
      cpuPercent: null,
      memoryBytes: 234647552,
    });
    expect(await read('telegraf_windows_container_stats.json')).toMatchObject({
      name: 'gt_test_iis',
      memoryBytes: 59961344,
      pids: 64,
    });
  });

  it('stats: the worker burns a CPU from 15:52:38', async () => {
    const samples = await observed(`${CLI}/podman_stats_timestamped.log`, 'resource');
    const worker = samples.filter((s) => s.name === 'worker');
    const busy = worker.filter((s) => (s.cpuPercent ?? 0) > 80);
    expect(busy.length).toBeGreaterThan(30);
    expect(busy[0]!.time! >= '2026-12-03T15:52:38').toBe(true);
  });
});
