/**
 * Event verbs, normalized so that rules speak one vocabulary: Docker's
 * (create, start, die, kill, stop, restart, destroy, exec_create,
 * exec_start, exec_die, oom, health_status, commit, archive-path, …; image
 * pull, load, import, save, tag, delete; daemon reload; plugin install) as
 * they are, and Podman's words for the same events mapped onto them.
 * Docker: https://docs.docker.com/reference/cli/docker/system/events/
 * Podman: https://docs.podman.io/en/latest/markdown/podman-events.1.html
 */
const SYNONYMS: Record<string, Record<string, string>> = {
  container: { died: 'die', remove: 'destroy', exec_died: 'exec_die' },
  // Docker says "delete" of an image; Podman "remove", and "loadfromarchive"
  // for `podman load -i archive.tar`.
  image: { remove: 'delete', loadfromarchive: 'load' },
  network: { remove: 'destroy' },
  volume: { remove: 'destroy' },
  pod: { remove: 'destroy' },
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
 * `type` is the event's object type ("container", "image", …), whose
 * synonyms apply.
 */
export function normalizeAction(raw: string, type = 'container'): Action {
  const colon = raw.indexOf(': ');
  const verb = (colon < 0 ? raw : raw.slice(0, colon)).trim().toLowerCase();
  const detail = colon < 0 ? null : raw.slice(colon + 2).trim() || null;
  return { action: SYNONYMS[type]?.[verb] ?? verb, detail };
}

/** The longest event type kept in a note; longer ones are no type Docker or Podman has. */
const MAX_TYPE = 32;

/**
 * An event's object type, lower-cased, as the note on a non-container event
 * states it. Example: "Image" → "image"; a missing type is "unknown".
 */
export function eventType(value: string | null): string {
  const type = (value ?? '').trim().toLowerCase();
  return type === '' || type.length > MAX_TYPE ? 'unknown' : type;
}
