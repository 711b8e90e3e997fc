import { describe, expect, it } from 'vitest';
import { podFromKubeletName } from '../../../src/detect/rules/correlation/shadow-container.js';
import type { ConfigObservation } from '../../../src/model/observation.js';
import { config, lifecycle } from '../../helpers/observations.js';
import { runRule } from '../../helpers/rules.js';

const ID = 'c'.repeat(64);

/** A pod as kubectl exports it once scheduled. */
function clusterPod(namespace: string, name: string, over: Partial<ConfigObservation> = {}) {
  return config({
    runtime: 'kubernetes',
    pod: { namespace, name },
    node: 'node-1',
    container: `${name.length}`.padEnd(64, 'e'),
    source: { path: 'pods.json', line: 3 },
    ...over,
  });
}

const nodeContainer = (over: Partial<ConfigObservation> = {}) =>
  config({ runtime: 'docker', container: ID, name: 'miner', ...over });

describe('cross-shadow-container', () => {
  it.each([
    {
      name: 'an unclaimed container beside a pod export',
      obs: [clusterPod('default', 'web'), nodeContainer()],
      fires: true,
    },
    {
      name: 'labels naming a pod the cluster lacks',
      obs: [
        clusterPod('default', 'web'),
        nodeContainer({ pod: { namespace: 'kube-system', name: 'kube-proxy-x' } }),
      ],
      fires: true,
    },
    {
      name: 'a k8s_ name for a missing pod',
      obs: [
        clusterPod('default', 'web'),
        nodeContainer({ name: 'k8s_proxy_kube-proxy-x_kube-system_0a1b_0' }),
      ],
      fires: true,
    },
    {
      name: 'labels naming a pod the cluster has',
      obs: [
        clusterPod('default', 'web'),
        nodeContainer({ pod: { namespace: 'default', name: 'web' } }),
      ],
      fires: false,
    },
    {
      name: 'an ID the pod status lists',
      obs: [clusterPod('default', 'web', { container: ID }), nodeContainer()],
      fires: false,
    },
    { name: 'no pod export in the run', obs: [nodeContainer()], fires: false },
    {
      name: 'a manifest that never ran (no node)',
      obs: [clusterPod('default', 'web', { node: null }), nodeContainer()],
      fires: false,
    },
    {
      name: 'a workload template is no pod',
      obs: [clusterPod('default', 'web', { notes: ['pod-template'] }), nodeContainer()],
      fires: false,
    },
    {
      name: 'a container known only from its create event',
      obs: [
        clusterPod('default', 'web'),
        lifecycle({ action: 'create', container: ID, name: 'miner' }),
      ],
      fires: true,
    },
    {
      name: 'an exec event creates nothing',
      obs: [clusterPod('default', 'web'), lifecycle({ action: 'exec_start', container: ID })],
      fires: false,
    },
  ])('$name', ({ obs, fires }) => {
    expect(runRule('cross-shadow-container', obs)).toHaveLength(fires ? 1 : 0);
  });

  it('reports a container seen in several exports once, with all its records', () => {
    const hits = runRule('cross-shadow-container', [
      clusterPod('default', 'web'),
      lifecycle({
        action: 'start',
        container: ID,
        name: 'miner',
        source: { path: 'events.ndjson', line: 4 },
      }),
      nodeContainer({ container: ID.slice(0, 12) }),
    ]);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.evidence).toHaveLength(2);
  });

  it('bounds what it remembers', () => {
    const many = Array.from({ length: 6000 }, (_, i) =>
      nodeContainer({ container: String(i).padStart(12, '0').padEnd(64, 'a'), name: `c${i}` }),
    );
    expect(runRule('cross-shadow-container', [clusterPod('default', 'web'), ...many])).toHaveLength(
      5000,
    );
  });

  it.each([
    ['k8s_POD_web-1_default_3f6c_0', { namespace: 'default', name: 'web-1' }],
    ['k8s_web_web-1_default_3f6c_12', { namespace: 'default', name: 'web-1' }],
    ['k8s_web', null],
    ['web', null],
  ])('reads the pod from the kubelet name %s', (name, want) => {
    expect(podFromKubeletName(name)).toEqual(want);
  });
});

describe('cross-shadow-container on a host not shown to be a node', () => {
  const OWNED = 'd'.repeat(64);

  it.each([
    {
      name: 'an unclaimed container alone is a medium lead',
      obs: [clusterPod('default', 'web'), nodeContainer()],
      severity: 'medium',
    },
    {
      name: 'beside a container the cluster owns, it is a shadow on the node',
      obs: [
        clusterPod('default', 'web', { container: OWNED }),
        nodeContainer({ container: OWNED, name: 'k8s_web_web_default_1a_0' }),
        nodeContainer(),
      ],
      severity: undefined,
    },
    {
      name: 'a forged claim needs no proof of the node',
      obs: [
        clusterPod('default', 'web'),
        nodeContainer({ pod: { namespace: 'kube-system', name: 'kube-proxy-x' } }),
      ],
      severity: undefined,
    },
  ])('$name', ({ obs, severity }) => {
    const hits = runRule('cross-shadow-container', obs);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.severity).toBe(severity);
  });
});
