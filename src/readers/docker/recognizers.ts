import type { Head } from '../../evidence/open.js';
import type { Recognizer } from '../reader.js';
import { documentWith, firstLines, headKeys, sniffJson } from './shared/sniff.js';

/**
 * Exports of the Docker and Podman CLIs that stowaway knows but does not
 * read: each is skipped with a reason that says what it is and what to
 * export instead.
 */

function isRuntimeInfo(head: Head): boolean {
  const keys = headKeys(sniffJson(head));
  const version = keys.has('Client') && [...keys].every((k) => k === 'Client' || k === 'Server');
  const dockerInfo = keys.has('ServerVersion') || (keys.has('Driver') && keys.has('Containers'));
  const podmanInfo = keys.has('host') && keys.has('store');
  return version || dockerInfo || podmanInfo;
}

export const runtimeInfo: Recognizer = {
  id: 'runtime-info',
  sniff: isRuntimeInfo,
  reason: () =>
    "`docker info`/`docker version` (or Podman's) describes the runtime, not its containers; keep it with the evidence, it yields no observations",
};

/**
 * The header of `docker top` ("UID PID PPID C STIME TTY TIME CMD") and of
 * `podman top` ("USER PID PPID COMMAND").
 */
const TOP_HEADER = /^(?:UID|USER)\s+PID\s+PPID\s.*\b(?:CMD|COMMAND)\s*$/;

export const containerTop: Recognizer = {
  id: 'container-top',
  sniff: (head) => TOP_HEADER.test(firstLines(head, 1)[0] ?? ''),
  reason: () =>
    'a process table of one container (`docker top` / `podman top`), a text table that names no container; it is not read',
};

export const kubeletSummary: Recognizer = {
  id: 'kubelet-stats-summary',
  sniff: (head) => documentWith(sniffJson(head), 'node', 'pods'),
  reason: () =>
    'kubelet /stats/summary resource metrics; read by a later version (for now, export `docker stats` or the Engine API stats of the containers)',
};

export const prometheusQuery: Recognizer = {
  id: 'prometheus-query',
  sniff: (head) =>
    documentWith(sniffJson(head), 'status', 'data') && /"resultType"\s*:/.test(head.text ?? ''),
  reason: () => 'a Prometheus query response (query / query_range); read by a later version',
};

/** What the CLI prints instead of an export when the command failed. */
const CLI_ERROR = /^(?:Error response from daemon: |Error: )/;

export const cliError: Recognizer = {
  id: 'cli-error',
  sniff: (head) => CLI_ERROR.test(firstLines(head, 1)[0] ?? ''),
  reason: (head) => {
    const message = printable(firstLines(head, 1)[0] ?? '');
    return `an error message of the container CLI, not an export: "${message}"`;
  },
};

/** At most 200 characters, without control characters, for a reason string. */
function printable(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}
