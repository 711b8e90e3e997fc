import type {
  ApiObservation,
  ConfigObservation,
  LifecycleObservation,
  LogObservation,
} from '../../src/model/observation.js';

/** Small builders: a valid observation of each kind, with the fields a test cares about. */
export function config(over: Partial<ConfigObservation> = {}): ConfigObservation {
  return {
    kind: 'config',
    time: '2026-01-02T03:04:05Z',
    ts: Date.parse('2026-01-02T03:04:05Z'),
    source: { path: 'inspect.json', line: 2 },
    runtime: 'docker',
    container: 'a'.repeat(64),
    name: 'web',
    image: 'nginx:1.25',
    imageId: null,
    pod: null,
    started: null,
    finished: null,
    privileged: false,
    capAdd: [],
    capDrop: [],
    seccomp: null,
    apparmor: null,
    pidMode: null,
    ipcMode: null,
    networkMode: null,
    utsMode: null,
    mounts: [],
    logDriver: 'json-file',
    user: null,
    command: ['nginx', '-g', 'daemon off;'],
    env: [],
    addresses: [],
    restartCount: null,
    exitCode: null,
    ...over,
  };
}

export function lifecycle(over: Partial<LifecycleObservation> = {}): LifecycleObservation {
  return {
    kind: 'lifecycle',
    time: '2026-01-02T03:04:05Z',
    ts: Date.parse(over.time ?? '2026-01-02T03:04:05Z'),
    source: { path: 'events.ndjson', line: 1 },
    runtime: 'docker',
    container: 'b'.repeat(64),
    name: 'worker',
    image: 'busybox',
    pod: null,
    action: 'start',
    detail: null,
    exitCode: null,
    ...over,
  };
}

export function api(over: Partial<ApiObservation> = {}): ApiObservation {
  return {
    kind: 'api',
    time: '2026-01-02T03:04:05Z',
    ts: Date.parse('2026-01-02T03:04:05Z'),
    source: { path: 'audit.log', line: 1 },
    auditID: 'id-1',
    stage: 'ResponseComplete',
    level: 'Request',
    verb: 'create',
    resource: 'pods',
    subresource: null,
    namespace: 'default',
    name: 'web-1',
    user: 'alice',
    impersonatedUser: null,
    sourceIPs: ['10.0.0.1'],
    code: 201,
    userAgent: 'kubectl/v1.31',
    requestURI: '/api/v1/namespaces/default/pods',
    ...over,
  };
}

export function log(over: Partial<LogObservation> = {}): LogObservation {
  return {
    kind: 'log',
    time: '2026-01-02T03:04:05Z',
    ts: Date.parse('2026-01-02T03:04:05Z'),
    source: { path: 'logs.txt', line: 1 },
    container: null,
    name: 'web',
    stream: 'stdout',
    message: 'GET / 200',
    ...over,
  };
}
