import type { Source } from './source.js';

/**
 * The normalized vocabulary every detector speaks. Readers translate raw
 * formats into these shapes; detectors never see a raw record.
 * Field names follow the observation stream in REPORT.md.
 */
export type ObservationKind =
  | 'lifecycle'
  | 'config'
  | 'resource'
  | 'flow'
  | 'api'
  | 'log'
  | 'file-change'
  | 'image-config'
  | 'image-file';

interface Base {
  kind: ObservationKind;
  /** ISO 8601 in UTC with the source's own precision, or null when undated. */
  time: string | null;
  /** Epoch milliseconds of `time`, for ordering; never serialized. */
  ts: number | null;
  source: Source;
  notes?: string[];
}

/** A pod by namespace and name. */
export interface PodRef {
  namespace: string;
  name: string;
}

export interface Mount {
  /** Host path or volume name. Example: "/var/run/docker.sock". */
  source: string | null;
  destination: string;
  readOnly: boolean;
  type: string | null;
}

/** A container started, died, was exec'd into, … */
export interface LifecycleObservation extends Base {
  kind: 'lifecycle';
  runtime: string;
  /** Container ID, full or short, when the source names one. */
  container: string | null;
  name: string | null;
  image: string | null;
  pod: PodRef | null;
  /** Normalized verb: create, start, die, exec, kill, restart, destroy, … */
  action: string;
  /** Argument carried with the action, e.g. the command of an exec. */
  detail: string | null;
  exitCode: number | null;
  /**
   * How many times the source saw this happen, when it folds repeats into one
   * record (a Kubernetes Event's count); absent means once. Example: 12.
   */
  count?: number;
  /** First sighting of a folded record; `time` is then the last one. */
  firstTime?: string | null;
}

/** A container's settings as an inspect, pod spec or audit body states them. */
export interface ConfigObservation extends Base {
  kind: 'config';
  runtime: string;
  container: string | null;
  name: string | null;
  image: string | null;
  /** Image config digest when known. Example: "sha256:cda5efac…". */
  imageId: string | null;
  pod: PodRef | null;
  started: string | null;
  finished: string | null;
  privileged: boolean | null;
  capAdd: string[];
  capDrop: string[];
  seccomp: string | null;
  apparmor: string | null;
  /** Namespace modes: "host" when shared with the host. */
  pidMode: string | null;
  ipcMode: string | null;
  networkMode: string | null;
  utsMode: string | null;
  mounts: Mount[];
  logDriver: string | null;
  user: string | null;
  command: string[] | null;
  env: string[];
  addresses: string[];
  restartCount: number | null;
  exitCode: number | null;
  /** Container or pod labels. Example: { "io.kubernetes.pod.name": "web" }. */
  labels?: Record<string, string>;
  /** Pod annotations. Example: { "kubernetes.io/config.mirror": "3f2a…" }. */
  annotations?: Record<string, string>;
  /** The pod's controller. Example: { kind: "ReplicaSet", name: "web-5cdcc99dbf" }. */
  owner?: { kind: string; name: string } | null;
  /** The node the pod is bound to, by spec.nodeName or the scheduler. */
  node?: string | null;
  serviceAccount?: string | null;
  /** Published or host ports. */
  ports?: PortBinding[];
  /** Host devices passed in. Example: ["/dev/sda", "/dev/mem"]. */
  devices?: string[];
  /**
   * Resource limits; null when none is set. Memory in bytes, CPU in cores.
   * Example: { cpu: 0.5, memory: 268435456 }.
   */
  limits?: { cpu: number | null; memory: number | null } | null;
  /**
   * The registry digest the image was pulled by, when the source states it.
   * Example: "sha256:9b0e…" from "nginx@sha256:9b0e…" or a pod's imageID.
   */
  imageDigest?: string | null;
}

/** A port a container publishes. Example: 0.0.0.0:2375 → 2375/tcp. */
export interface PortBinding {
  /** Host address; "0.0.0.0" or "::" means every address, null when unstated. */
  hostIp: string | null;
  hostPort: number | null;
  containerPort: number | null;
  proto: string;
}

/** A sample of a container's resource use. */
export interface ResourceObservation extends Base {
  kind: 'resource';
  container: string | null;
  name: string | null;
  cpuPercent: number | null;
  memoryBytes: number | null;
  pids: number | null;
  netRxBytes: number | null;
  netTxBytes: number | null;
}

export interface FlowObservation extends Base {
  kind: 'flow';
  src: string | null;
  srcPort: number | null;
  dst: string | null;
  dstPort: number | null;
  proto: string | null;
  bytesOut: number | null;
  bytesIn: number | null;
  packetsOut: number | null;
  packetsIn: number | null;
  duration: number | null;
  label: string | null;
}

/** One Kubernetes API request, from the audit log. */
export interface ApiObservation extends Base {
  kind: 'api';
  auditID: string | null;
  stage: string | null;
  level: string | null;
  verb: string | null;
  resource: string | null;
  subresource: string | null;
  namespace: string | null;
  name: string | null;
  user: string | null;
  impersonatedUser: string | null;
  /**
   * Groups the request impersonated, when it did. Absent otherwise.
   * Example: ["system:masters"] for `kubectl --as-group=system:masters`.
   */
  impersonatedGroups?: string[];
  sourceIPs: string[];
  code: number | null;
  userAgent: string | null;
  requestURI: string | null;
  /** objectRef.apiGroup; "" is the core group. Example: "rbac.authorization.k8s.io". */
  apiGroup?: string | null;
  /** Groups of the requesting user. Example: ["system:masters"]. */
  userGroups?: string[];
  /**
   * The request body; null at Metadata level or when none was sent. A JSON
   * patch (`kubectl patch --type json`, RFC 6902) is a list of operations.
   * Example: [{ "op": "replace", "path": "/spec/replicas", "value": 0 }].
   */
  requestObject?: Record<string, unknown> | unknown[] | null;
  /** The response body; kept only at RequestResponse level. */
  responseObject?: Record<string, unknown> | null;
  /**
   * Annotations the API server added.
   * Example: { "authorization.k8s.io/decision": "allow" }.
   */
  annotations?: Record<string, string>;
  /**
   * Every stage this request was logged at, in log order; `stage` is the one
   * the outcome was taken from. Example: ["RequestReceived", "ResponseComplete"].
   */
  stages?: string[];
  /**
   * Seconds from the request's arrival to this stage, when both are logged.
   * Example: 1800.002 for a watch held open half an hour.
   */
  duration?: number | null;
}

export interface LogObservation extends Base {
  kind: 'log';
  container: string | null;
  name: string | null;
  stream: string | null;
  message: string;
}

/** A path a container changed, as `docker diff` or `podman diff` lists it. */
export interface FileChangeObservation extends Base {
  kind: 'file-change';
  container: string | null;
  name: string | null;
  /** Absolute. Example: "/etc/cron.d/update". */
  path: string;
  change: 'added' | 'changed' | 'deleted';
}

export interface ImageLayer {
  digest: string | null;
  createdBy: string | null;
  size: number | null;
}

/** An image's config: what it runs, as whom, with what environment. */
export interface ImageConfigObservation extends Base {
  kind: 'image-config';
  /** Config digest. Example: "sha256:cda5efac…". */
  imageId: string;
  /** Repository tags naming the image; empty when untagged. */
  names: string[];
  user: string | null;
  env: string[];
  entrypoint: string[] | null;
  command: string[] | null;
  history: { created: string | null; createdBy: string | null; emptyLayer: boolean }[];
  layers: ImageLayer[];
}

export type FileType =
  'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'whiteout' | 'opaque';

/** One entry of one image layer, as the layer tar lists it. */
export interface ImageFileObservation extends Base {
  kind: 'image-file';
  imageId: string;
  imageName: string | null;
  /** How many lower layers belong to the base image (0 when unknown). */
  baseLayers: number;
  /** Absolute, normalized. Example: "/etc/ld.so.preload". */
  path: string;
  type: FileType;
  mode: string;
  uid: number;
  gid: number;
  size: number;
  linkTarget: string | null;
  sha256: string | null;
  /** Text of small text files, for rules that read configuration. */
  content: string | null;
}

export type Observation =
  | LifecycleObservation
  | ConfigObservation
  | ResourceObservation
  | FlowObservation
  | ApiObservation
  | LogObservation
  | FileChangeObservation
  | ImageConfigObservation
  | ImageFileObservation;

export type ObservationOf<K extends ObservationKind> = Extract<Observation, { kind: K }>;
