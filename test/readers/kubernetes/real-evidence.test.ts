import { collect } from '../../helpers/read.js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openEvidence } from '../../../src/evidence/open.js';
import type { Observation } from '../../../src/model/observation.js';
import { READERS, RECOGNIZERS } from '../../../src/readers/kubernetes/index.js';
import { contextFor, newStats, type InputStats } from '../../../src/readers/run.js';
import { ofKind } from './helpers.js';

/**
 * The shared evidence (real exports and lab captures) read end to end, from
 * opening to observations. Never copied into the project.
 */
const PROJECT = fileURLToPath(new URL('../../../', import.meta.url));
const EVIDENCE = process.env['STOWAWAY_EVIDENCE'] ?? resolve(PROJECT, '../shared/evidence');
const present = existsSync(EVIDENCE);

interface Outcome {
  format: string;
  observations: Observation[];
  stats: InputStats | null;
}

async function read(relative: string): Promise<Outcome> {
  const opened = await openEvidence({ path: join(EVIDENCE, relative), stdin: false });
  const reader = READERS.find((r) => r.sniff(opened.head));
  if (!reader) {
    const known = RECOGNIZERS.find((r) => r.sniff(opened.head));
    return {
      format: `skip:${known ? known.reason(opened.head) : 'unknown'}`,
      observations: [],
      stats: null,
    };
  }
  const stats = newStats(relative, reader.id);
  const observations: Observation[] = [];
  try {
    const ctx = contextFor(stats, () => {});
    observations.push(...(await collect(reader.read(opened.content, ctx, opened.head))));
  } catch (error) {
    return { format: `skip:${(error as Error).message}`, observations, stats };
  }
  return { format: reader.id, observations, stats };
}

if (!present) {
  describe('real evidence', () => {
    it(`is not at ${EVIDENCE}, so the real-file checks did not run`, () => {
      expect(present).toBe(false);
    });
  });
} else {
  describe('real evidence: every file of the family is read or skipped with a reason', () => {
    it.each([
      ['real/k8s-audit/audit2rbac_demo.log', 'k8s-audit', 37, { api: 37 }],
      [
        'real/k8s-audit/cloud/sysdiglabs_aks_eventhubs_records_event.json',
        'k8s-audit',
        22,
        { api: 22 },
      ],
      [
        'real/k8s-audit/falco/create_nginx_pod_privileged.json',
        'k8s-audit',
        1,
        { api: 1, config: 1 },
      ],
      ['real/k8s-audit/falco/create_deployment.json', 'k8s-audit', 1, { api: 1, config: 1 }],
      ['real/k8s-audit/falco/create_configmap_sensitive_values.json', 'k8s-audit', 6, { api: 6 }],
      ['real/k8s-audit/falco/exec_pod.json', 'k8s-audit', 1, { api: 1 }],
      ['real/kubectl/k9s_ev.json', 'kubectl', 1, { lifecycle: 1 }],
      ['real/kubectl/k9s_po_sidecar.json', 'kubectl', 1, { config: 3 }],
      ['real/kubectl/kubectl-neat_list1-raw.json', 'kubectl', 2, { config: 2 }],
      ['real/kubectl/kubectl-neat_pod1-raw.json', 'kubectl', 1, { config: 1 }],
      ['real/kubectl/troubleshoot_k3d_events_default.json', 'kubectl', 5, { lifecycle: 5 }],
      ['real/kubectl/troubleshoot_k3d_pods_default.json', 'kubectl', 1, { config: 2 }],
      ['real/kubectl/troubleshoot_k3d_pods_kube-system.json', 'kubectl', 7, { config: 8 }],
      ['lab/kubectl/kubectl_create_deployment_web.json', 'kubectl', 1, { config: 1 }],
      ['lab/kubectl/kubectl_create_secret_fake.json', 'kubectl', 1, {}],
      ['real/kubectl/troubleshoot_k3d_nodes.json', 'kubectl', 1, {}],
      ['lab/kubectl/kubectl_set_env_local_tampered_pod.json', 'kubectl', 1, { config: 1 }],
      ['lab/podman/podman_generate_kube_tampered.yaml', 'kubectl', 1, { config: 1 }],
      ['edgecases/17-k8s-audit-stages-levels/audit.jsonl', 'k8s-audit', 5, { api: 3, config: 1 }],
      ['edgecases/18-kubectl-events-null-timestamps/events.json', 'kubectl', 4, { lifecycle: 4 }],
    ])('%s → %s, %i records', async (file, format, records, kinds) => {
      const outcome = await read(file);
      expect(outcome.format).toBe(format);
      expect(outcome.stats).toMatchObject({ records, skipped: 0 });
      const counted: Record<string, number> = {};
      for (const o of outcome.observations) counted[o.kind] = (counted[o.kind] ?? 0) + 1;
      expect(counted).toEqual(kinds);
    });

    it.each([
      ['real/k8s-audit/falco/fal_01_003.json', /not a Kubernetes audit event \("kind": 0/],
      ['lab/kubectl/kubectl_version_client.json', /^kubectl version output, not evidence$/],
    ])('%s is skipped: %s', async (file, reason) => {
      const outcome = await read(file);
      expect(outcome.format).toMatch(/^skip:/);
      expect(outcome.format.slice(5)).toMatch(reason);
    });

    it('reads every falco scenario but the non-event', async () => {
      const names = [
        'attach_cluster_admin_role',
        'create_cluster_role_wildcard_verbs',
        'create_configmap',
        'create_nginx_pod_hostnetwork',
        'create_nginx_pod_nohostnetwork',
        'create_nginx_pod_unprivileged',
        'create_nginx_service_nodeport',
        'create_pod_kube_system_namespace',
        'create_secret',
        'delete_deployment',
        'delete_secret',
      ];
      for (const name of names) {
        const outcome = await read(`real/k8s-audit/falco/${name}.json`);
        expect([name, outcome.format, outcome.stats?.records]).toEqual([name, 'k8s-audit', 1]);
      }
    });
  });

  describe('real evidence: what the observations say', () => {
    it('edge case 17: one privileged hostPID pod, and a Metadata create with no body', async () => {
      const { observations } = await read('edgecases/17-k8s-audit-stages-levels/audit.jsonl');
      const api = ofKind(observations, 'api');
      expect(new Set(api.map((a) => a.auditID)).size).toBe(3);
      expect(ofKind(observations, 'config')).toEqual([
        expect.objectContaining({
          pod: { namespace: 'dev', name: 'dbg-shell' },
          privileged: true,
          pidMode: 'host',
          source: expect.objectContaining({ line: 2 }),
        }),
      ]);
      const metadataCreate = api.find((a) => a.name === 'dbg-shell-2');
      expect(metadataCreate).toMatchObject({ level: 'Metadata', sourceIPs: ['2001:db8:10::15'] });
      const watch = api.find((a) => a.verb === 'watch');
      expect(watch).toMatchObject({
        stage: 'ResponseComplete',
        stages: ['ResponseStarted', 'ResponseComplete'],
        duration: 1800.002,
      });
      expect(api[0]).toMatchObject({
        time: '2024-03-01T10:20:00.140907Z',
        stages: ['RequestReceived', 'ResponseComplete'],
        code: 201,
      });
      expect(metadataCreate?.notes).toEqual(['metadata-level']);
      expect(api[0]?.notes).toBeUndefined();
    });

    it('edge case 18: last sightings order the events, BackOff counted 12 times', async () => {
      const { observations } = await read(
        'edgecases/18-kubectl-events-null-timestamps/events.json',
      );
      const events = ofKind(observations, 'lifecycle').sort((a, b) => a.ts! - b.ts!);
      expect(events.map((e) => [e.action, e.firstTime, e.time, e.count])).toEqual([
        ['schedule', '2024-03-01T10:30:00.123456Z', '2024-03-01T10:30:00.123456Z', 1],
        ['pull', '2024-03-01T10:30:02Z', '2024-03-01T10:30:02Z', 1],
        ['unhealthy', '2024-03-01T10:31:00Z', '2024-03-01T10:33:00Z', 3],
        ['backoff', '2024-03-01T10:35:00.000001Z', '2024-03-01T10:41:30.500000Z', 12],
      ]);
    });

    it('podman generate kube: the tampered container as Kubernetes would run it', async () => {
      const { observations } = await read('lab/podman/podman_generate_kube_tampered.yaml');
      expect(ofKind(observations, 'config')[0]).toMatchObject({
        name: 'evidence-tampered',
        image: 'docker.io/evidence/tampered:1.0',
        privileged: true,
        seccomp: 'unconfined',
        user: '0',
        mounts: [{ source: '/srv/lab/podman/hostshare', destination: '/host', type: 'hostPath' }],
      });
    });

    it('audit2rbac: the administrator acting as bob, refused', async () => {
      const { observations } = await read('real/k8s-audit/audit2rbac_demo.log');
      const api = ofKind(observations, 'api');
      expect(api[0]).toMatchObject({
        user: 'system:admin',
        impersonatedUser: 'bob',
        code: 403,
        time: '2017-09-11T19:55:05Z',
        sourceIPs: ['::1'],
      });
      expect(api.filter((a) => a.code === 403).length).toBeGreaterThan(5);
    });

    it('falco: the privileged pod, named by the response', async () => {
      const { observations } = await read('real/k8s-audit/falco/create_nginx_pod_privileged.json');
      expect(ofKind(observations, 'config')[0]).toMatchObject({
        pod: { namespace: 'default', name: 'nginx-deployment-5cdcc99dbf-rgw6z' },
        privileged: true,
        time: '2018-10-25T14:09:12.581541Z',
      });
    });

    it('k3d kube-system pods: runtime IDs, restarts and exit codes from the status', async () => {
      const { observations } = await read('real/kubectl/troubleshoot_k3d_pods_kube-system.json');
      const lb = ofKind(observations, 'config').find((c) => c.name === 'lb-tcp-80');
      expect(lb).toMatchObject({
        container: '64af3308683a9e1cc507956944d00853fda499b8d2679022fcf5e1af8e2fbc04',
        capAdd: ['NET_ADMIN'],
        restartCount: 96,
        exitCode: 255,
        addresses: ['10.42.0.144'],
        owner: { kind: 'DaemonSet', name: 'svclb-traefik-8ea5448e' },
        node: 'k3d-mycluster-server-0',
        serviceAccount: 'default',
        ports: [{ hostIp: null, hostPort: 80, containerPort: 80, proto: 'tcp' }],
        imageDigest: 'sha256:02f8cb41d53fe08b5726a563ce36c3675ad7f2694b65a8477f6a66afac89fef7',
      });
      const coredns = ofKind(observations, 'config').find((c) => c.name === 'coredns');
      expect(coredns?.limits).toEqual({ cpu: null, memory: 170 * 1024 * 1024 });
    });

    it('k3d events: the back-off is a Warning, its reason kept as written', async () => {
      const { observations } = await read('real/kubectl/troubleshoot_k3d_events_default.json');
      const backoff = ofKind(observations, 'lifecycle').find((e) => e.action === 'backoff');
      expect(backoff?.notes).toEqual(['type:Warning', 'reason:BackOff']);
      expect(backoff?.detail).toMatch(/^Back-off restarting failed container/);
    });

    it('AKS export: groups, annotations and the API group of each request', async () => {
      const { observations } = await read(
        'real/k8s-audit/cloud/sysdiglabs_aks_eventhubs_records_event.json',
      );
      const api = ofKind(observations, 'api');
      expect(new Set(api.map((a) => a.auditID)).size).toBe(api.length);
      expect(api[0]).toMatchObject({
        userGroups: expect.arrayContaining(['system:authenticated']),
        annotations: { 'authorization.k8s.io/decision': 'allow' },
        stages: ['ResponseComplete'],
      });
    });

    it('falco exec: a long-running request logged only as started', async () => {
      const { observations } = await read('real/k8s-audit/falco/exec_pod.json');
      expect(ofKind(observations, 'api')[0]).toMatchObject({
        stage: 'ResponseStarted',
        stages: ['ResponseStarted'],
        subresource: 'exec',
        apiGroup: '',
        userGroups: ['system:masters', 'system:authenticated'],
        code: 101,
      });
    });
  });
}
