import type { Lists } from './lists.js';

/**
 * What a host path hands a container when mounted, the one judgement every
 * rule about mounts shares: the container runtime's socket, the host's root,
 * a sensitive path (lists sensitive-host-paths and sensitive-host-paths-whole),
 * or nothing special.
 * Example: "/var/run/docker.sock" → "socket"; "/etc/kubernetes/pki" → "sensitive".
 */
export type HostPathClass = 'socket' | 'root' | 'sensitive' | null;

const SOCKET = /\/(?:docker|containerd|crio|podman|cri-dockerd)\.sock$/;

export function hostPathClass(source: string, lists: Lists): HostPathClass {
  const path = normalizePath(source);
  if (lists.has('runtime-sockets', path) || SOCKET.test(path)) return 'socket';
  if (path === '/') return 'root';
  if (lists.has('sensitive-host-paths-whole', path) || lists.has('sensitive-host-paths', path)) {
    return 'sensitive';
  }
  return null;
}

/** One slash between parts, none at the end. Example: "/etc//k8s/" → "/etc/k8s". */
export function normalizePath(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  return `/${parts.join('/')}`;
}
