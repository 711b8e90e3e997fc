import { describe, expect, it } from 'vitest';
import { kubectlRiskyPod } from '../../../../src/detect/rules/kubernetes/inventory/risky-pod.js';
import type { ConfigObservation } from '../../../../src/model/observation.js';
import { config } from '../../../helpers/observations.js';
import { runRule } from '../../../helpers/rules.js';

const limits = { cpu: 0.5, memory: 268435456 };
const podc = (over: Partial<ConfigObservation> = {}) =>
  config({
    runtime: 'kubernetes',
    pod: { namespace: 'dev', name: 'p' },
    image: 'ghcr.io/acme/app:1.0',
    limits,
    ...over,
  });

describe('kubectl-risky-pod', () => {
  it.each<{ name: string; obs: ConfigObservation[]; want: [string | undefined, string][] }>([
    { name: 'hardened pod', obs: [podc()], want: [] },
    { name: 'only no limits (score 1)', obs: [podc({ limits: null })], want: [] },
    { name: 'runs as root (5)', obs: [podc({ user: '0' })], want: [['low', '5']] },
    {
      name: 'NET_ADMIN (10)',
      obs: [podc({ capAdd: ['CAP_NET_ADMIN'] })],
      want: [['medium', '10']],
    },
    { name: 'privileged (30)', obs: [podc({ privileged: true })], want: [['high', '30']] },
    {
      name: 'privileged, hostPID, host root mounted (55)',
      obs: [
        podc({
          privileged: true,
          pidMode: 'host',
          mounts: [{ source: '/', destination: '/host', readOnly: false, type: 'hostPath' }],
        }),
      ],
      want: [['high', '55']],
    },
    {
      name: 'socket and SYS_ADMIN (60)',
      obs: [
        podc({
          capAdd: ['SYS_ADMIN'],
          mounts: [
            {
              source: '/run/containerd/containerd.sock',
              destination: '/s',
              readOnly: true,
              type: 'hostPath',
            },
          ],
        }),
      ],
      want: [['critical', '60']],
    },
    {
      name: 'pod-wide risks count once across containers',
      obs: [podc({ name: 'a', networkMode: 'host' }), podc({ name: 'b', networkMode: 'host' })],
      want: [['low', '8']],
    },
    {
      name: 'trusted system image ranks low',
      obs: [podc({ image: 'registry.k8s.io/kube-proxy:v1.29.2', privileged: true })],
      want: [['low', '30']],
    },
    {
      name: 'audited request is skipped',
      obs: [podc({ privileged: true, notes: ['audit-request'] })],
      want: [],
    },
    {
      name: 'pod template is skipped',
      obs: [podc({ privileged: true, notes: ['pod-template'] })],
      want: [],
    },
    {
      name: 'docker container is skipped',
      obs: [podc({ runtime: 'docker', pod: null, privileged: true })],
      want: [],
    },
  ])('$name', ({ obs, want }) => {
    const hits = runRule(kubectlRiskyPod, obs);
    expect(hits.map((h) => [h.hit.severity, h.hit.vars?.score])).toEqual(want);
  });

  it('names its reasons, worst first', () => {
    const [hit] = runRule(kubectlRiskyPod, [podc({ user: '0', privileged: true })]);
    expect(hit!.hit.summary).toBe('pod dev/p scores 35: privileged, runs as root (runAsUser 0)');
  });
});
