// Pod bodies for the audit events that log a create at Request level or above.
// Shapes follow the core/v1 Pod API:
// https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/
// Most pods are what a ReplicaSet controller creates; a few are the kind of
// hand-made pod an intruder uses to reach the node (privileged, hostPID,
// hostPath of "/" or the container runtime socket).

const IMAGES = [
  'registry.example.com/shop/web:1.14.2',
  'registry.example.com/shop/api:2.3.0',
  'registry.example.com/shop/worker:2.3.0',
  'docker.io/library/nginx:1.25.4',
  'docker.io/library/redis:7.2.4',
  'quay.io/prometheus/node-exporter:v1.7.0',
];
const SIDECAR = 'docker.io/envoyproxy/envoy:v1.29.1';
const TOOL_IMAGES = ['docker.io/library/alpine:3.19', 'docker.io/library/busybox:1.36'];

/** A host path: benign ones a node agent mounts, risky ones that hand over the node. */
const HOST_PATHS = {
  benign: ['/var/log', '/proc', '/sys', '/lib/modules'],
  risky: ['/', '/var/run/docker.sock', '/run/containerd/containerd.sock', '/etc'],
};

/**
 * @param {import('./rng.js').Rng} rng
 * @param {{ namespace: string, name: string, owner: string | null, risky: boolean }} opts
 *   owner: the ReplicaSet name when a controller made the pod, null when a person did.
 */
export function podBody(rng, { namespace, name, owner, risky }) {
  const token = `kube-api-access-${rng.alnum(5)}`;
  const hostPID = risky && rng.chance(0.4);
  const hostPath = rng.chance(risky ? 0.6 : 0.04) ? hostVolume(rng, risky) : null;
  const privileged = risky && rng.chance(0.7);
  const containers = [container(rng, { privileged, tool: !owner, token })];
  if (owner && rng.chance(0.3)) containers.push(sidecar(rng, token));
  if (hostPath) containers[0].volumeMounts.push({ name: 'host', mountPath: '/host' });
  const spec = {
    volumes: [tokenVolume(token), ...(hostPath ? [hostPath] : [])],
    containers,
    restartPolicy: owner ? 'Always' : 'Never',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: 'default',
    securityContext: {},
    schedulerName: 'default-scheduler',
    enableServiceLinks: true,
  };
  if (hostPID) spec.hostPID = true;
  if (risky && rng.chance(0.3)) spec.hostNetwork = true;
  return { kind: 'Pod', apiVersion: 'v1', metadata: metadata(rng, namespace, name, owner), spec };
}

function metadata(rng, namespace, name, owner) {
  if (!owner) return { name, namespace, creationTimestamp: null, labels: { run: name } };
  return {
    generateName: `${owner}-`,
    namespace,
    creationTimestamp: null,
    labels: { app: owner.replace(/-[^-]+$/, ''), 'pod-template-hash': owner.split('-').pop() },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: owner,
        uid: rng.uuid(),
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  };
}

function container(rng, { privileged, tool, token }) {
  const image = tool ? rng.pick(TOOL_IMAGES) : rng.pick(IMAGES);
  const c = {
    name: tool ? 'shell' : 'app',
    image,
    resources: tool ? {} : resources(rng),
    volumeMounts: [tokenMount(token)],
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
  if (tool) {
    c.command = ['sh', '-c', 'sleep 3600'];
    c.stdin = true;
    c.tty = true;
  } else {
    c.ports = [{ containerPort: rng.pick([80, 8080, 9090, 6379]), protocol: 'TCP' }];
    c.env = [{ name: 'LOG_LEVEL', value: rng.pick(['info', 'debug', 'warn']) }];
  }
  c.securityContext = privileged ? { privileged: true } : hardened(rng);
  return c;
}

function sidecar(rng, token) {
  return {
    name: 'envoy',
    image: SIDECAR,
    args: ['--config-path', '/etc/envoy/envoy.yaml'],
    resources: resources(rng),
    volumeMounts: [tokenMount(token)],
    imagePullPolicy: 'IfNotPresent',
    securityContext: { runAsUser: 1337, allowPrivilegeEscalation: false },
  };
}

/** Half the workloads set a restricted securityContext; the rest leave it empty. */
function hardened(rng) {
  if (!rng.chance(0.5)) return {};
  return {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

function resources(rng) {
  const cpu = `${rng.pick([50, 100, 250, 500])}m`;
  const memory = `${rng.pick([64, 128, 256, 512])}Mi`;
  return { limits: { memory }, requests: { cpu, memory } };
}

function hostVolume(rng, risky) {
  const path = rng.pick(risky ? HOST_PATHS.risky : HOST_PATHS.benign);
  const type = path.endsWith('.sock') ? 'Socket' : 'Directory';
  return { name: 'host', hostPath: { path, type } };
}

/** The projected service-account token volume the admission plugin adds. */
function tokenVolume(name) {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      ],
      defaultMode: 420,
    },
  };
}

function tokenMount(name) {
  return {
    name,
    readOnly: true,
    mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
  };
}
