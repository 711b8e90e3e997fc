// Request paths, objectRefs and response statuses for the synthetic events.
// Paths follow the API server's REST layout:
// https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-uris
// Example: GET /apis/apps/v1/namespaces/prod/deployments/web

import { Rng } from './rng.js';

const GROUPS = {
  pods: { prefix: '/api/v1', apiVersion: 'v1' },
  configmaps: { prefix: '/api/v1', apiVersion: 'v1' },
  secrets: { prefix: '/api/v1', apiVersion: 'v1' },
  deployments: { prefix: '/apis/apps/v1', apiGroup: 'apps', apiVersion: 'v1' },
};

const DEPLOYMENTS = ['web', 'api', 'worker', 'checkout', 'coredns', 'metrics-server'];
const NAMES = {
  configmaps: ['kube-root-ca.crt', 'app-config', 'nginx-conf', 'coredns', 'feature-flags'],
  secrets: ['db-credentials', 'tls-cert', 'registry-pull', 'api-token', 'sh.helm.release.web.v3'],
  deployments: DEPLOYMENTS,
};

// A fixed pool of ReplicaSets and pods, so that names recur as in a real
// cluster instead of every event naming a pod never seen again.
const poolRng = new Rng(0x5eed);
const REPLICASETS = DEPLOYMENTS.map((d) => `${d}-${poolRng.alnum(10)}`);
const POD_SUFFIXES = Array.from({ length: 40 }, () => poolRng.alnum(5));

/**
 * @returns {{ uri: string, objectRef: object, name: string, owner: string | null }}
 *   owner is the ReplicaSet a pod name comes from.
 */
export function resourceRef(rng, resource, verb, namespace, actor) {
  const group = GROUPS[resource];
  const { name, owner } = pickName(rng, resource);
  const clusterWide = (verb === 'list' || verb === 'watch') && rng.chance(0.2);
  const collection = clusterWide
    ? `${group.prefix}/${resource}`
    : `${group.prefix}/namespaces/${namespace}/${resource}`;
  const objectRef = { resource };
  if (!clusterWide) objectRef.namespace = namespace;
  if (verb !== 'list' && verb !== 'watch') objectRef.name = name;
  if (group.apiGroup) objectRef.apiGroup = group.apiGroup;
  objectRef.apiVersion = group.apiVersion;
  let uri = collectionVerb(verb) ? collection : `${collection}/${name}`;
  // A kubelet writes its pods' status, not their spec.
  if (verb === 'update' && resource === 'pods' && actor.user.groups.includes('system:nodes')) {
    objectRef.subresource = 'status';
    uri += '/status';
  }
  return { uri: uri + query(rng, verb), objectRef, name, owner };
}

function collectionVerb(verb) {
  return verb === 'list' || verb === 'watch' || verb === 'create';
}

function pickName(rng, resource) {
  if (resource !== 'pods') return { name: rng.pick(NAMES[resource]), owner: null };
  const owner = rng.pick(REPLICASETS);
  return { name: `${owner}-${rng.pick(POD_SUFFIXES)}`, owner };
}

/** Query strings as client-go sends them, e.g. "?allowWatchBookmarks=true&…&watch=true". */
function query(rng, verb) {
  if (verb === 'list') return '?limit=500&resourceVersion=0';
  if (verb === 'watch') {
    const seconds = rng.between(300, 600);
    const timeout = `${Math.floor(seconds / 60)}m${seconds % 60}s`;
    const rv = rng.between(1_000_000, 9_000_000);
    return (
      `?allowWatchBookmarks=true&resourceVersion=${rv}&timeout=${timeout}` +
      `&timeoutSeconds=${seconds}&watch=true`
    );
  }
  if (verb === 'create' || verb === 'update') return '?fieldManager=kubectl-client-side-apply';
  return '';
}

/** Mostly success; the failures a busy cluster logs (not found, conflicts, denials). */
const OUTCOMES = {
  get: { 200: 93, 404: 6, 403: 1 },
  list: { 200: 99, 403: 1 },
  watch: { 200: 99, 403: 1 },
  create: { 201: 92, 409: 6, 403: 2 },
  update: { 200: 90, 409: 9, 403: 1 },
  delete: { 200: 95, 404: 5 },
};

const REASONS = { 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict' };

/** A responseStatus (a metav1.Status), e.g. {"metadata":{},"code":200}. */
export function statusFor(rng, verb, ref) {
  const code = Number(rng.weighted(OUTCOMES[verb]));
  if (code < 400) return { metadata: {}, code };
  const kind = ref.objectRef.resource;
  const name = ref.objectRef.name ?? '';
  const reason = verb === 'create' && code === 409 ? 'AlreadyExists' : REASONS[code];
  return {
    metadata: {},
    status: 'Failure',
    message: failureMessage(code, verb, kind, name),
    reason,
    details: name ? { name, kind } : { kind },
    code,
  };
}

function failureMessage(code, verb, kind, name) {
  if (code === 404) return `${kind} "${name}" not found`;
  if (code === 409 && verb === 'create') return `${kind} "${name}" already exists`;
  if (code === 409) {
    return (
      `Operation cannot be fulfilled on ${kind} "${name}": the object has been modified; ` +
      'please apply your changes to the latest version and try again'
    );
  }
  return `${kind} "${name}" is forbidden: User cannot ${verb} resource "${kind}"`;
}
