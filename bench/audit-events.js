// One synthetic audit.k8s.io/v1 Event at a time, in the key order the API
// server's log backend writes them.
// Spec: https://kubernetes.io/docs/reference/config-api/apiserver-audit.v1/#audit-k8s-io-v1-Event
// Example (shortened): {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata",
//   "auditID":"…","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/prod/pods/web-…",
//   "verb":"get",…,"requestReceivedTimestamp":"2024-05-06T08:00:00.104511Z",…}

import { ACTORS, ACTOR_WEIGHTS, NAMESPACES, PEOPLE, REPLICASET } from './actors.js';
import { podBody } from './pod-spec.js';
import { Rng } from './rng.js';
import { resourceRef, statusFor } from './requests.js';

/** Shares of the special events; everything else is ordinary API traffic. */
const POD_CREATE_SHARE = 0.02;
const EXEC_SHARE = 0.0003;
/** Of pod creates with a body, the share a person makes by hand, and of those, the risky share. */
const HAND_MADE_SHARE = 0.15;
const RISKY_SHARE = 0.5;
const HAND_MADE_NAMES = ['debug', 'dbg-shell', 'tools', 'netshoot', 'node-shell'];

/** 2024-05-06T08:00:00Z in microseconds; a mean gap of 15 ms gives ~4 hours per 1M events. */
const START_US = Date.UTC(2024, 4, 6, 8) * 1000;
const MEAN_GAP_US = 15_000;

export class AuditEvents {
  /** @param {number} seed */
  constructor(seed) {
    this.rng = new Rng(seed);
    this.clockUs = START_US;
  }

  /** The next event as one JSON line (no newline). */
  nextLine() {
    this.clockUs += 1 + Math.round(this.rng.exponential(MEAN_GAP_US));
    const roll = this.rng.next();
    if (roll < POD_CREATE_SHARE) return JSON.stringify(this.podCreate());
    if (roll < POD_CREATE_SHARE + EXEC_SHARE) return JSON.stringify(this.exec());
    return JSON.stringify(this.ordinary());
  }

  ordinary() {
    const rng = this.rng;
    const actor = ACTORS[rng.weighted(ACTOR_WEIGHTS)];
    const verb = rng.weighted(actor.verbs);
    const resource = rng.weighted(actor.resources);
    const ref = resourceRef(rng, resource, verb, rng.pick(NAMESPACES), actor);
    const status = statusFor(rng, verb, ref);
    const stage = stageFor(rng, verb);
    // Policies commonly log config changes with their body, and secrets never.
    const withBody = resource === 'configmaps' && verb === 'update' && rng.chance(0.3);
    const level = withBody ? 'Request' : 'Metadata';
    const event = this.base(actor, { level, stage, verb, ref, status });
    if (level === 'Request' && stage !== 'RequestReceived') {
      event.requestObject = configMapBody(rng, ref);
      reorderTail(event);
    }
    return event;
  }

  podCreate() {
    const rng = this.rng;
    const handMade = rng.chance(HAND_MADE_SHARE);
    const actor = handMade ? rng.pick(PEOPLE) : REPLICASET;
    const namespace = rng.pick(handMade ? ['default', 'kube-system', 'prod'] : NAMESPACES);
    const ref = resourceRef(rng, 'pods', 'create', namespace, actor);
    const owner = handMade ? null : ref.owner;
    if (handMade) ref.name = ref.objectRef.name = `${rng.pick(HAND_MADE_NAMES)}-${rng.alnum(4)}`;
    const risky = handMade && rng.chance(RISKY_SHARE);
    const body = podBody(rng, { namespace, name: ref.name, owner, risky });
    const level = rng.chance(0.3) ? 'RequestResponse' : 'Request';
    // A controller's pod has generateName only, so the API server logs no name for it.
    if (owner) delete ref.objectRef.name;
    const status = { metadata: {}, code: 201 };
    const stage = 'ResponseComplete';
    const event = this.base(actor, { level, stage, verb: 'create', ref, status });
    event.requestObject = body;
    if (level === 'RequestResponse') event.responseObject = created(rng, body, ref.name, this);
    event.annotations['pod-security.kubernetes.io/enforce-policy'] = 'privileged:latest';
    reorderTail(event);
    return event;
  }

  exec() {
    const rng = this.rng;
    const actor = rng.pick(PEOPLE);
    const ref = resourceRef(rng, 'pods', 'get', rng.pick(NAMESPACES), actor);
    ref.objectRef.subresource = 'exec';
    ref.uri += `/exec?command=sh&container=app&stdin=true&stdout=true&tty=true`;
    const stage = rng.chance(0.5) ? 'ResponseStarted' : 'ResponseComplete';
    const status = { metadata: {}, code: 101 };
    return this.base(actor, { level: 'Metadata', stage, verb: 'create', ref, status });
  }

  /** The fields every event has; requestReceived is before stage by the request's latency. */
  base(actor, { level, stage, verb, ref, status }) {
    const latency = stage === 'RequestReceived' ? 0 : latencyUs(this.rng, verb, stage);
    const event = {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level,
      auditID: this.rng.uuid(),
      stage,
      requestURI: ref.uri,
      verb,
      user: actor.user,
      sourceIPs: [actor.ip],
      userAgent: actor.userAgent,
      objectRef: ref.objectRef,
    };
    if (stage !== 'RequestReceived') event.responseStatus = status;
    event.requestReceivedTimestamp = microTime(this.clockUs - latency);
    event.stageTimestamp = microTime(this.clockUs);
    event.annotations = annotations(actor, status);
    return event;
  }
}

/** Watches are long-running: most of their events are the ResponseStarted one. */
function stageFor(rng, verb) {
  if (verb === 'watch') return rng.chance(0.7) ? 'ResponseStarted' : 'ResponseComplete';
  return rng.chance(0.04) ? 'RequestReceived' : 'ResponseComplete';
}

function latencyUs(rng, verb, stage) {
  if (verb === 'watch' && stage === 'ResponseComplete') return rng.between(300, 600) * 1_000_000;
  if (stage === 'ResponseStarted') return rng.between(200, 2_000);
  if (verb === 'list') return rng.between(3_000, 90_000);
  return rng.between(600, 25_000);
}

/** RFC 3339 with microseconds, as the API server writes: "2024-05-06T08:00:00.104511Z". */
function microTime(us) {
  const iso = new Date(Math.floor(us / 1000)).toISOString();
  return `${iso.slice(0, 23)}${String(us % 1000).padStart(3, '0')}Z`;
}

function annotations(actor, status) {
  if (status.code === 403) {
    return { 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': '' };
  }
  const name = actor.user.username;
  const reason =
    `RBAC: allowed by ClusterRoleBinding "${roleOf(name)}" of ClusterRole "${roleOf(name)}" ` +
    `to User "${name}"`;
  return { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': reason };
}

/** The bootstrap role that grants an actor its access, e.g. "system:controller:job-controller". */
function roleOf(username) {
  if (username.startsWith('system:node:')) return 'system:node';
  if (username.startsWith('system:serviceaccount:kube-system:')) {
    return `system:controller:${username.split(':').pop()}`;
  }
  return username.startsWith('system:') ? username : 'cluster-admin';
}

/** Bodies go after responseStatus and before the timestamps, as the server orders them. */
function reorderTail(event) {
  for (const key of ['requestReceivedTimestamp', 'stageTimestamp', 'annotations']) {
    const value = event[key];
    delete event[key];
    event[key] = value;
  }
}

function configMapBody(rng, ref) {
  const { name, namespace } = ref.objectRef;
  const resourceVersion = String(rng.between(1e6, 9e6));
  return {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: { name, namespace, resourceVersion },
    data: { 'log.level': rng.pick(['info', 'debug']), 'checkout-v2': String(rng.chance(0.5)) },
  };
}

/** The pod as the server returns it: named, with a uid and a Pending status. */
function created(rng, body, name, { clockUs }) {
  const metadata = { ...body.metadata, name, uid: rng.uuid() };
  metadata.resourceVersion = String(rng.between(1e6, 9e6));
  // Object timestamps are whole seconds: "2024-05-06T08:00:01Z".
  metadata.creationTimestamp = new Date(Math.floor(clockUs / 1e6) * 1000)
    .toISOString()
    .replace('.000', '');
  return { ...body, metadata, status: { phase: 'Pending', qosClass: 'Burstable' } };
}
