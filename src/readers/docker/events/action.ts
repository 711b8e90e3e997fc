/**
 * Container event verbs, normalized so that rules speak one vocabulary:
 * Docker's (create, start, die, kill, stop, restart, destroy, exec_create,
 * exec_start, exec_die, oom, health_status, attach, …) as they are, and
 * Podman's words for the same events mapped onto them.
 * Docker: https://docs.docker.com/reference/cli/docker/system/events/
 * Podman: https://docs.podman.io/en/latest/markdown/podman-events.1.html
 */
const SYNONYMS: Record<string, string> = {
  died: 'die',
  remove: 'destroy',
  exec_died: 'exec_die',
};

/** Verbs after which an exit code means something. */
export const EXIT_ACTIONS: ReadonlySet<string> = new Set(['die', 'exec_die']);

export interface Action {
  action: string;
  /** What followed the verb. Example: "/bin/sh -c id" of "exec_create: /bin/sh -c id". */
  detail: string | null;
}

/**
 * Splits an event's action on its first ": ", since Docker writes the
 * argument into the verb: "exec_start: sh -c id", "health_status: healthy".
 */
export function normalizeAction(raw: string): Action {
  const colon = raw.indexOf(': ');
  const verb = (colon < 0 ? raw : raw.slice(0, colon)).trim().toLowerCase();
  const detail = colon < 0 ? null : raw.slice(colon + 2).trim() || null;
  return { action: SYNONYMS[verb] ?? verb, detail };
}
