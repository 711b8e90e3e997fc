import { describe, expect, it } from 'vitest';
import { repositoryName } from '../../../src/detect/rules/correlation/nested-containers.js';
import type { ConfigObservation } from '../../../src/model/observation.js';
import { config, lifecycle } from '../../helpers/observations.js';
import { runRule } from '../../helpers/rules.js';

const ID = 'f'.repeat(64);
const SOCKET = [
  {
    source: '/var/run/docker.sock',
    destination: '/var/run/docker.sock',
    readOnly: false,
    type: 'bind',
  },
];
const holder = (over: Partial<ConfigObservation> = {}) =>
  config({
    container: ID,
    name: 'builder',
    image: 'alpine:3.20',
    command: ['sleep', 'infinity'],
    mounts: SOCKET,
    ...over,
  });
const exec = (detail: string) =>
  lifecycle({ action: 'exec_start', container: ID, name: 'builder', detail });

describe('cross-nested-containers', () => {
  it.each([
    { name: 'socket and a client image', obs: [holder({ image: 'docker:27-cli' })], fires: true },
    {
      name: 'socket and a client command',
      obs: [holder({ command: ['sh', '-c', 'docker run -d evil'] })],
      fires: true,
    },
    {
      name: 'socket, then a client exec',
      obs: [holder(), exec('sh -c docker run --privileged x')],
      fires: true,
    },
    {
      name: 'a client exec before the config',
      obs: [exec('kubectl get secrets -A'), holder()],
      fires: true,
    },
    {
      name: 'privileged Docker-in-Docker',
      obs: [config({ privileged: true, image: 'docker:27-dind' })],
      fires: true,
    },
    { name: 'socket alone', obs: [holder()], fires: false },
    { name: 'socket and an ordinary exec', obs: [holder(), exec('ls /var/run')], fires: false },
    {
      name: 'a client with no socket',
      obs: [config({ image: 'bitnami/kubectl:1.31' })],
      fires: false,
    },
    {
      name: 'unprivileged Docker-in-Docker',
      obs: [config({ image: 'docker:27-dind' })],
      fires: false,
    },
    {
      name: 'an entrypoint script named after docker',
      obs: [holder({ command: ['docker-entrypoint.sh'] })],
      fires: false,
    },
    {
      name: 'a registry host named docker',
      obs: [holder({ image: 'docker.io/library/nginx:1.27' })],
      fires: false,
    },
    {
      name: 'an audited request body',
      obs: [holder({ image: 'docker:27-cli', notes: ['audit-request'] })],
      fires: false,
    },
  ])('$name', ({ obs, fires }) => {
    expect(runRule('cross-nested-containers', obs)).toHaveLength(fires ? 1 : 0);
  });

  it('keeps both records of a joined exec as evidence', () => {
    const hits = runRule('cross-nested-containers', [holder(), exec('docker ps')]);
    expect(hits[0]!.hit.evidence).toEqual([
      { path: 'inspect.json', line: 2 },
      { path: 'events.ndjson', line: 1 },
    ]);
  });

  it.each([
    ['docker.io/library/docker:27-cli', 'docker'],
    ['registry.example:5000/tools/kubectl@sha256:abc', 'kubectl'],
    ['nginx', 'nginx'],
  ])('reads the repository name of %s', (image, want) => {
    expect(repositoryName(image)).toBe(want);
  });
});
