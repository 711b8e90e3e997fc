/**
 * Named lists shared across rules. One place, so that a responder reading a
 * rule's card and a rule author adding a pattern see the same list.
 */

/**
 * Host paths that give a container control of the host when mounted. A
 * mount of anything below one counts too, except below those in
 * SENSITIVE_ONLY_ITSELF, whose subfolders are ordinary ("/srv" under "/").
 */
export const SENSITIVE_HOST_PATHS: readonly string[] = [
  '/',
  '/etc',
  '/root',
  '/home',
  '/proc',
  '/sys',
  '/dev',
  '/boot',
  '/lib/modules',
  '/usr/lib/modules',
  '/var/log',
  '/var/lib/kubelet',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/containers',
  '/var/lib/etcd',
  '/etc/kubernetes',
  '/run/containerd',
  '/var/run/containerd',
  '/run/crio',
  '/var/run/crio',
];

export const SENSITIVE_ONLY_ITSELF: ReadonlySet<string> = new Set(['/', '/home', '/var/log']);

/** Container-runtime control sockets: whoever holds one owns the host. */
export const RUNTIME_SOCKETS: readonly string[] = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/run/containerd/containerd.sock',
  '/var/run/containerd/containerd.sock',
  '/run/crio/crio.sock',
  '/var/run/crio/crio.sock',
  '/run/podman/podman.sock',
  '/var/run/podman/podman.sock',
  '/var/run/cri-dockerd.sock',
];

/**
 * Capabilities that break isolation (mount, trace, load modules, rewrite
 * the network, read any file, load eBPF). Names without the CAP_ prefix.
 */
export const DANGEROUS_CAPABILITIES: readonly string[] = [
  'ALL',
  'SYS_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_BOOT',
  'SYS_TIME',
  'NET_ADMIN',
  'DAC_READ_SEARCH',
  'DAC_OVERRIDE',
  'BPF',
  'PERFMON',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'SYSLOG',
];

/** Cryptocurrency miners and the protocol strings their configs carry. */
export const MINER_PATTERNS: readonly RegExp[] = [
  /\bxmrig\b/i,
  /\bxmr-stak\b/i,
  /\bcpuminer\b/i,
  /\bminerd\b/i,
  /\bccminer\b/i,
  /\bt-rex\b/i,
  /\bnbminer\b/i,
  /\bethminer\b/i,
  /\bphoenixminer\b/i,
  /\bkdevtmpfsi\b/i,
  /\bkinsing\b/i,
  /stratum\+(?:tcp|ssl|tls):\/\//i,
];

/**
 * Offensive tools that have no business in a workload image or command.
 * Gaps between words are bounded: evidence text is hostile, and an
 * unbounded `.*` after a repeated word costs the square of its length.
 */
export const OFFENSIVE_TOOL_PATTERNS: readonly RegExp[] = [
  /\b(?:nsenter|unshare)\s.{0,120}?--(?:mount|target)/i,
  /\bdeepce\b/i,
  /\bcdk\b.{0,40}?\b(?:evaluate|run|exploit)\b/i,
  /\blinpeas(?:\.sh)?\b/i,
  /\bpeirates\b/i,
  /\bbotb\b/i,
  /\bamicontained\b/i,
  /\bkubeletctl\b/i,
  /\bmimikatz\b/i,
  /\bchisel\b.{0,40}?\b(?:client|server)\b/i,
  /\bnc(?:at)?\b.{0,120}?\s-e\s/i,
  /\bsocat\b.{0,200}?\bexec:/i,
  /\bmasscan\b/i,
  /\bpspy(?:32|64)?s?\b/i,
  /\bkube-hunter\b/i,
];

/** Environment variable names that hold credentials. */
export const SECRET_NAME =
  /(?:pass(?:word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|access[_-]?key)/i;

/** Values that are credentials whatever their name. Example: AWS access key IDs. */
export const SECRET_VALUE_PATTERNS: readonly RegExp[] = [
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/,
  /-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----/,
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/,
  /\bxox[abpr]-[A-Za-z0-9-]{10,}\b/,
  /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/,
];

/** Capability names compared without prefix or case. Example: "CAP_SYS_ADMIN" → "SYS_ADMIN". */
export function capabilityName(cap: string): string {
  return cap.toUpperCase().replace(/^CAP_/, '');
}

/** Commands run through exec that read secrets, break out or fetch payloads. */
export const SUSPICIOUS_EXEC_PATTERNS: readonly RegExp[] = [
  /\/etc\/shadow\b/,
  /serviceaccount\/token/,
  /\bnsenter\b/,
  /\bchroot\s+\/host\b/,
  /\b(?:curl|wget)\b[^|]{0,300}\|\s*(?:ba|da|z)?sh\b/,
  /\bbase64\s+(?:-d|--decode)\b/,
  /\/dev\/tcp\//,
  /\bcrontab\b|\/etc\/cron|\/var\/spool\/cron/,
  /\bmount\b.{0,120}?\/dev\//,
  /\bdocker\.sock\b/,
];
