import { describe, expect, it } from 'vitest';
import { MAX_WORKLOADS } from '../../../../src/detect/rules/kubernetes/workloads/image-swap.js';
import { request, run, workloadBody } from './pack.js';

const ID = 'k8s-image-swap';
const deploy = (verb: string, containers: unknown, extra: object = {}) =>
  request({
    verb,
    resource: 'deployments',
    name: 'web',
    requestObject: workloadBody('Deployment', containers),
    ...extra,
  });
const web = (image: string) => [{ name: 'web', image }];

describe(ID, () => {
  it.each([
    [
      'an image replaced',
      [deploy('create', web('a:1')), deploy('update', web('evil:1'))],
      'a:1 → evil:1',
    ],
    [
      'a sidecar added',
      [
        deploy('create', web('a:1')),
        deploy('update', [...web('a:1'), { name: 'side', image: 's' }]),
      ],
      'container side added (s)',
    ],
    [
      'a patch setting an image, no history',
      [deploy('patch', web('evil:1'))],
      'image of web set to evil:1',
    ],
    [
      'a patch fragment over history',
      [
        deploy('create', [...web('a:1'), { name: 'log', image: 'l:1' }]),
        deploy('patch', web('b:2')),
      ],
      'a:1 → b:2',
    ],
  ])('reports %s', (_, observations, text) => {
    const { hits } = run(ID, observations);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.summary).toContain(text);
  });

  it.each([
    ['a create alone', [deploy('create', web('a:1'))]],
    [
      'an update with the same images',
      [deploy('create', web('a:1')), deploy('update', web('a:1'))],
    ],
    ['a first whole update', [deploy('update', web('a:1'))]],
    [
      'a refused update',
      [deploy('create', web('a:1')), deploy('update', web('b:1'), { code: 422 })],
    ],
    [
      'a recreate after delete',
      [
        deploy('create', web('a:1')),
        request({ verb: 'delete', resource: 'deployments', name: 'web' }),
        deploy('create', web('b:1')),
      ],
    ],
    [
      'a scale update',
      [deploy('create', web('a:1')), deploy('update', web('b:1'), { subresource: 'scale' })],
    ],
    [
      'hostile containers',
      [deploy('create', 'nope'), deploy('update', [null, { name: 3, image: [] }])],
    ],
    [
      'a configmap',
      [
        request({
          verb: 'patch',
          resource: 'configmaps',
          requestObject: workloadBody('X', web('b')),
        }),
      ],
    ],
  ])('stays quiet on %s', (_, observations) => {
    expect(run(ID, observations).hits).toEqual([]);
  });

  it('keeps apart workloads of different namespaces', () => {
    const { hits } = run(ID, [
      deploy('create', web('a:1')),
      deploy('update', web('b:1'), { namespace: 'other' }),
    ]);
    expect(hits).toEqual([]);
  });

  it('forgets the least recently written workload past its cap', () => {
    const first = deploy('create', web('a:1'), { name: 'first' });
    const others = Array.from({ length: MAX_WORKLOADS }, (_, i) =>
      deploy('create', web('a:1'), { name: `w${i}` }),
    );
    // Forgotten, the whole update of `first` is a first sighting again: no hit.
    const { hits } = run(ID, [first, ...others, deploy('update', web('b:1'), { name: 'first' })]);
    expect(hits).toEqual([]);
    const kept = run(ID, [
      first,
      ...others.slice(1),
      deploy('update', web('b:1'), { name: 'first' }),
    ]);
    expect(kept.hits).toHaveLength(1);
  });
});
