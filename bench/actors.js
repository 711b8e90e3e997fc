// Who talks to the API server in the synthetic cluster, and what each of
// them usually does. Weights are rough shares of a busy cluster's audit log,
// where node agents and controllers far outnumber people.

const K8S = 'v1.29.4';
const BUILD = 'kubernetes/55019c8';
const NODES = Array.from({ length: 12 }, (_, i) => `ip-10-0-${1 + (i % 3)}-${20 + i}`);

export const NAMESPACES = ['default', 'kube-system', 'prod', 'staging', 'monitoring', 'payments'];

/**
 * An actor: user as the audit event records it, a userAgent, where it calls
 * from, and weight tables for the verbs and resources it uses.
 * Example user: {"username":"system:node:ip-10-0-1-20","groups":["system:nodes",…]}
 */
export const ACTORS = [
  ...NODES.map((node, i) => ({
    weight: 4,
    user: { username: `system:node:${node}`, groups: ['system:nodes', 'system:authenticated'] },
    userAgent: `kubelet/${K8S} (linux/amd64) ${BUILD}`,
    ip: `10.0.${1 + (i % 3)}.${20 + i}`,
    verbs: { get: 50, list: 10, watch: 25, update: 15 },
    resources: { pods: 50, configmaps: 30, secrets: 20 },
  })),
  controller('replicaset-controller', { pods: 70, deployments: 30 }),
  controller('deployment-controller', { deployments: 80, pods: 20 }),
  controller('namespace-controller', { configmaps: 50, secrets: 50 }),
  {
    weight: 6,
    user: { username: 'system:kube-scheduler', groups: ['system:authenticated'] },
    userAgent: `kube-scheduler/${K8S} (linux/amd64) ${BUILD}/scheduler`,
    ip: '10.0.0.10',
    verbs: { get: 20, list: 30, watch: 50 },
    resources: { pods: 80, configmaps: 20 },
  },
  person('alice@example.com', ['oidc:platform-team'], '192.168.10.14', 'darwin/arm64', 3),
  person('bob@example.com', ['oidc:developers'], '192.168.10.37', 'linux/amd64', 2),
  person('kubernetes-admin', ['system:masters'], '203.0.113.15', 'linux/amd64', 0.5),
  {
    weight: 3,
    user: {
      username: 'system:serviceaccount:argocd:argocd-application-controller',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:argocd', 'system:authenticated'],
    },
    userAgent: 'argocd-application-controller/v0.0.0 (linux/amd64) kubernetes/$Format',
    ip: '10.0.2.71',
    verbs: { get: 30, list: 20, watch: 20, update: 20, create: 5, delete: 5 },
    resources: { deployments: 50, configmaps: 30, secrets: 20 },
  },
];

/** A kube-controller-manager loop, acting as its own service account. */
function controller(name, resources) {
  const username = `system:serviceaccount:kube-system:${name}`;
  return {
    weight: 5,
    user: {
      username,
      groups: [
        'system:serviceaccounts',
        'system:serviceaccounts:kube-system',
        'system:authenticated',
      ],
    },
    userAgent: `kube-controller-manager/${K8S} (linux/amd64) ${BUILD}/${username}`,
    ip: '10.0.0.10',
    verbs: { get: 25, list: 10, watch: 20, update: 25, create: 12, delete: 8 },
    resources,
  };
}

function person(username, groups, ip, platform, weight) {
  return {
    weight,
    user: { username, groups: [...groups, 'system:authenticated'] },
    userAgent: `kubectl/${K8S} (${platform}) ${BUILD}`,
    ip,
    verbs: { get: 40, list: 30, watch: 5, update: 10, create: 8, delete: 7 },
    resources: { pods: 40, configmaps: 20, secrets: 15, deployments: 25 },
  };
}

/** The people among the actors: who creates the hand-made pods and runs exec. */
export const PEOPLE = ACTORS.filter((a) => a.userAgent.startsWith('kubectl/'));

/** ReplicaSet controller: the usual author of a pod create. */
export const REPLICASET = ACTORS.find((a) => a.user.username.endsWith(':replicaset-controller'));

/** Actor weights as a table for Rng.weighted, keyed by index. */
export const ACTOR_WEIGHTS = Object.fromEntries(ACTORS.map((a, i) => [i, a.weight]));
