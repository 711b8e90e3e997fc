import { bool, num, obj, str, strings } from '../../util/text.js';

/**
 * The security settings of one container of a pod spec, where the container's
 * securityContext wins over the pod's and both over the old annotations.
 * Spec: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
 */
export interface ContainerSecurity {
  privileged: boolean | null;
  capAdd: string[];
  capDrop: string[];
  seccomp: string | null;
  apparmor: string | null;
  user: string | null;
}

/** What the pod contributes: its securityContext and its annotations. */
export interface PodSecurityInput {
  podContext: Record<string, unknown> | null;
  annotations: Record<string, unknown> | null;
}

export function containerSecurity(
  container: Record<string, unknown>,
  name: string | null,
  pod: PodSecurityInput,
): ContainerSecurity {
  const ctx = obj(container['securityContext']);
  const caps = obj(ctx?.['capabilities']);
  return {
    privileged: bool(ctx?.['privileged']),
    capAdd: strings(caps?.['add']),
    capDrop: strings(caps?.['drop']),
    seccomp: seccompOf(ctx, name, pod),
    apparmor: apparmorOf(ctx, name, pod),
    user: userOf(ctx, pod.podContext),
  };
}

/**
 * Seccomp from `seccompProfile` (Kubernetes 1.19+), else the alpha
 * annotations `container.seccomp.security.alpha.kubernetes.io/<name>` and
 * `seccomp.security.alpha.kubernetes.io/pod`, else Podman's
 * `io.podman.annotations.seccomp/<name>` in `podman generate kube` output.
 * Example: { type: "Unconfined" } → "unconfined".
 */
function seccompOf(
  ctx: Record<string, unknown> | null,
  name: string | null,
  pod: PodSecurityInput,
): string | null {
  return (
    profileOf(obj(ctx?.['seccompProfile']), 'localhostProfile') ??
    profileOf(obj(pod.podContext?.['seccompProfile']), 'localhostProfile') ??
    annotation(pod, `container.seccomp.security.alpha.kubernetes.io/${name}`) ??
    annotation(pod, 'seccomp.security.alpha.kubernetes.io/pod') ??
    annotation(pod, `io.podman.annotations.seccomp/${name}`)
  );
}

/**
 * AppArmor from `appArmorProfile` (Kubernetes 1.30+), else the beta
 * annotation `container.apparmor.security.beta.kubernetes.io/<name>`.
 * Example: "container.apparmor.security.beta.kubernetes.io/web": "unconfined".
 */
function apparmorOf(
  ctx: Record<string, unknown> | null,
  name: string | null,
  pod: PodSecurityInput,
): string | null {
  return (
    profileOf(obj(ctx?.['appArmorProfile']), 'localhostProfile') ??
    profileOf(obj(pod.podContext?.['appArmorProfile']), 'localhostProfile') ??
    annotation(pod, `container.apparmor.security.beta.kubernetes.io/${name}`)
  );
}

/**
 * A profile object in the annotations' words, so that both spellings meet:
 * "Unconfined" → "unconfined", "RuntimeDefault" → "runtime/default",
 * "Localhost" with localhostProfile "p.json" → "localhost/p.json".
 */
function profileOf(profile: Record<string, unknown> | null, localKey: string): string | null {
  const type = str(profile?.['type']);
  if (type === null) return null;
  switch (type.toLowerCase()) {
    case 'unconfined':
      return 'unconfined';
    case 'runtimedefault':
      return 'runtime/default';
    case 'localhost':
      return `localhost/${str(profile?.[localKey]) ?? ''}`;
    default:
      return type.toLowerCase();
  }
}

function annotation(pod: PodSecurityInput, key: string): string | null {
  const value = str(pod.annotations?.[key]);
  return value === null ? null : value.toLowerCase();
}

/**
 * The user a container runs as, when the spec says: the container's
 * runAsUser, else the pod's. Example: runAsUser 0 → "0" (root).
 * NOTE: with neither set the image's USER decides, which a pod spec does not
 * show; the user is then unknown (null), not root.
 */
function userOf(
  ctx: Record<string, unknown> | null,
  podContext: Record<string, unknown> | null,
): string | null {
  const uid = num(ctx?.['runAsUser']) ?? num(podContext?.['runAsUser']);
  if (uid === null || !Number.isInteger(uid) || uid < 0) return null;
  return String(uid);
}
