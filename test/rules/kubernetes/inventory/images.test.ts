import { describe, expect, it } from 'vitest';
import {
  parseImageRef,
  taggedName,
} from '../../../../src/detect/rules/kubernetes/inventory/image-ref.js';
import { kubectlTagDigestDrift } from '../../../../src/detect/rules/kubernetes/inventory/tag-drift.js';
import { kubectlUntrustedRegistry } from '../../../../src/detect/rules/kubernetes/inventory/untrusted-registry.js';
import type { ConfigObservation } from '../../../../src/model/observation.js';
import { config } from '../../../helpers/observations.js';
import { runRule } from '../../../helpers/rules.js';

describe('image references', () => {
  it.each([
    { ref: 'nginx', want: ['docker.io', 'nginx', null, null] },
    { ref: 'nginx:1.25', want: ['docker.io', 'nginx', '1.25', null] },
    { ref: 'localhost:5000/app', want: ['localhost:5000', 'app', null, null] },
    { ref: 'ghcr.io/org/app:1.2@sha256:ab', want: ['ghcr.io', 'org/app', '1.2', 'sha256:ab'] },
    { ref: 'library/nginx@sha256:cd', want: ['docker.io', 'library/nginx', null, 'sha256:cd'] },
    { ref: 'Registry.Example:443/a/b:c', want: ['registry.example:443', 'a/b', 'c', null] },
  ])('$ref', ({ ref, want }) => {
    const parsed = parseImageRef(ref)!;
    expect([parsed.registry, parsed.repository, parsed.tag, parsed.digest]).toEqual(want);
  });

  it.each(['', '   ', 'a b', ':tag', 'x'.repeat(600)])('rejects %j', (ref) => {
    expect(parseImageRef(ref)).toBeNull();
  });

  it('names a tag the same whichever way it is written', () => {
    expect(taggedName(parseImageRef('nginx')!)).toBe('nginx:latest');
    expect(taggedName(parseImageRef('quay.io/a/b:2')!)).toBe('quay.io/a/b:2');
  });
});

const live = (
  image: string,
  digest: string | null,
  name: string,
  over: Partial<ConfigObservation> = {},
) =>
  config({
    runtime: 'kubernetes',
    pod: { namespace: 'shop', name },
    image,
    imageDigest: digest,
    ...over,
  });

describe('kubectl-tag-digest-drift', () => {
  it.each<{ name: string; obs: ConfigObservation[]; want: (string | undefined)[] }>([
    {
      name: 'one digest',
      obs: [live('web:2.3', 'sha256:a', 'p1'), live('web:2.3', 'sha256:a', 'p2')],
      want: [],
    },
    {
      name: 'a version tag on two digests',
      obs: [live('web:2.3', 'sha256:a', 'p1'), live('web:2.3', 'sha256:b', 'p2')],
      want: [undefined],
    },
    {
      name: 'latest moving is low',
      obs: [live('web', 'sha256:a', 'p1'), live('web:latest', 'sha256:b', 'p2')],
      want: ['low'],
    },
    {
      name: 'pinned references are skipped',
      obs: [live('web@sha256:a', 'sha256:a', 'p1'), live('web@sha256:b', 'sha256:b', 'p2')],
      want: [],
    },
    {
      name: 'an audited request is not a running pod',
      obs: [
        live('web:2.3', 'sha256:a', 'p1'),
        live('web:2.3', 'sha256:b', 'p2', { notes: ['audit-request'] }),
      ],
      want: [],
    },
    {
      name: 'no digest known',
      obs: [live('web:2.3', null, 'p1'), live('web:2.3', null, 'p2')],
      want: [],
    },
  ])('$name', ({ obs, want }) => {
    expect(runRule(kubectlTagDigestDrift, obs).map((h) => h.hit.severity)).toEqual(want);
  });
});

describe('kubectl-untrusted-registry', () => {
  it.each([
    { image: 'nginx:1.25', want: 0 },
    { image: 'ghcr.io/acme/app:1', want: 0 },
    { image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1', want: 0 },
    { image: 'evil.example:5000/app:1', want: 1 },
    { image: 'localhost/app:1', want: 1 },
    { image: 'not an image', want: 0 },
  ])('$image', ({ image, want }) => {
    expect(runRule(kubectlUntrustedRegistry, [live(image, null, 'p')])).toHaveLength(want);
  });
});
