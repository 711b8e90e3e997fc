import { describe, expect, it } from 'vitest';
import { imageNameKey } from '../../src/entities/keys.js';
import { EntityResolver } from '../../src/entities/resolver.js';
import { config, lifecycle } from '../helpers/observations.js';

const FULL = '4e4aaba029bc390ca34566c08fea3f74d58f7d09bac7f32bfa774c994b7248b1';
const IMAGE = `sha256:${'cd'.repeat(32)}`;

describe('EntityResolver', () => {
  it('joins a full ID, a short ID and a name into one container', () => {
    const r = new EntityResolver();
    r.observe(
      config({ container: FULL, name: 'evidence-tampered', imageId: IMAGE }),
      'podman-inspect',
    );
    r.observe(lifecycle({ container: FULL.slice(0, 12), name: null }), 'podman-events');
    const id = r.resolve({ containerName: 'evidence-tampered' });
    expect(id).toBe('container:4e4aaba029bc');
    expect(r.resolve({ containerId: FULL.slice(0, 12) })).toBe(id);
    const entity = r.describe([id]).get(id)!;
    expect(entity.names).toEqual(['evidence-tampered', '4e4aaba029bc…']);
    expect(entity.sources).toEqual(['podman-events', 'podman-inspect']);
    expect(entity.related).toEqual([`image:${IMAGE}`]);
  });

  it('keeps an image separate from the containers that run it', () => {
    const r = new EntityResolver();
    r.learn({ imageId: IMAGE, imageNames: ['docker.io/evidence/tampered:1.0'] }, 'image-archive');
    r.learn({ containerId: FULL, imageNames: ['evidence/tampered:1.0'] }, 'docker-inspect');
    expect(r.resolve({ imageNames: ['evidence/tampered:1.0'] })).toBe(`image:${IMAGE}`);
    expect(r.resolve({ containerId: FULL })).toBe('container:4e4aaba029bc');
    const entities = r.describe([]);
    expect(entities.get('container:4e4aaba029bc')!.related).toEqual([`image:${IMAGE}`]);
  });

  it('scopes container names to their pod', () => {
    const r = new EntityResolver();
    r.learn({ pod: { namespace: 'a', name: 'p' }, containerName: 'app' }, 'kubectl');
    r.learn({ pod: { namespace: 'b', name: 'q' }, containerName: 'app' }, 'kubectl');
    expect(r.resolve({ pod: { namespace: 'a', name: 'p' } })).toBe('pod:a/p');
    expect(r.resolve({ pod: { namespace: 'b', name: 'q' } })).toBe('pod:b/q');
  });

  it('attributes an address to the one workload that holds it', () => {
    const r = new EntityResolver();
    r.observe(config({ container: FULL, addresses: ['10.88.0.5'] }), 'docker-inspect');
    r.observe(
      config({ container: 'f'.repeat(64), name: 'other', addresses: ['10.88.0.9'] }),
      'docker-inspect',
    );
    expect(r.resolve({ addresses: ['10.88.0.5'] })).toBe('container:4e4aaba029bc');
    expect(r.resolve({ addresses: ['192.0.2.1'] })).toBe('address:192.0.2.1');
  });

  it('does not depend on the order observations arrive in', () => {
    const obs = [
      config({ container: FULL, name: 'x', imageId: IMAGE }),
      lifecycle({ container: FULL.slice(0, 12), name: 'x' }),
      config({ container: 'e'.repeat(64), name: 'y' }),
    ];
    const ids = (list: typeof obs): string[] => {
      const r = new EntityResolver();
      for (const o of list) r.observe(o, 'f');
      return [...r.describe([]).keys()].sort();
    };
    expect(ids([...obs].reverse())).toEqual(ids(obs));
  });
});

describe('imageNameKey', () => {
  it.each([
    ['nginx', 'm:docker.io/library/nginx:latest'],
    ['library/nginx:1.25', 'm:docker.io/library/nginx:1.25'],
    ['docker.io/evidence/base:1.0', 'm:docker.io/evidence/base:1.0'],
    ['evidence/base:1.0', 'm:docker.io/evidence/base:1.0'],
    ['localhost:5000/app', 'm:localhost:5000/app:latest'],
    ['ghcr.io/org/app@sha256:abc', 'm:ghcr.io/org/app:latest'],
    ['sha256:abcd', null],
    ['', null],
  ])('%s', (ref, want) => {
    expect(imageNameKey(ref)).toBe(want);
  });
});

describe('containers that share a name', () => {
  const A = 'a'.repeat(64);
  const B = 'b'.repeat(64);

  it('stay two entities when their IDs differ (a name reused, or two hosts)', () => {
    const r = new EntityResolver();
    r.observe(config({ container: A, name: 'web' }), 'docker-inspect');
    r.observe(config({ container: B, name: 'web' }), 'docker-inspect');
    const a = r.resolve({ containerId: A, containerName: 'web' });
    const b = r.resolve({ containerId: B, containerName: 'web' });
    expect([a, b]).toEqual(['container:aaaaaaaaaaaa', 'container:bbbbbbbbbbbb']);
    const entities = r.describe([a, b]);
    expect(entities.get(a)!.names).toEqual(['web', 'aaaaaaaaaaaa…']);
    expect(entities.get(b)!.names).toEqual(['web', 'bbbbbbbbbbbb…']);
  });

  it('leave a record named by the shared name alone rather than guess', () => {
    const r = new EntityResolver();
    r.observe(config({ container: A, name: 'web' }), 'docker-inspect');
    r.observe(config({ container: B, name: 'web' }), 'docker-inspect');
    expect(r.resolve({ containerName: 'web' })).toBe('container:web');
  });
});
