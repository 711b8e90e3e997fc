import { describe, expect, it } from 'vitest';
import type { ApiObservation } from '../../../../src/model/observation.js';
import { podBody, request, run } from './pack.js';

const ID = 'k8s-system-namespace-pod';
const METADATA = { namespace: 'kube-system', level: 'Metadata', requestObject: null };

describe(ID, () => {
  it('counts only pod and workload creates as not evaluable', () => {
    const others = ['leases', 'configmaps', 'secrets', 'leases', 'events', 'serviceaccounts'];
    const observations: ApiObservation[] = [
      ...others.map((resource) => request({ ...METADATA, resource })),
      request({ ...METADATA, resource: 'pods' }),
      request({ ...METADATA, resource: 'daemonsets', name: 'agent' }),
    ];
    const { hits, notEvaluable } = run(ID, observations);
    expect(hits).toEqual([]);
    expect(notEvaluable).toEqual([
      expect.objectContaining({
        count: 2,
        reason: 'audit level Metadata carries no request body',
      }),
    ]);
  });

  it.each(['leases', 'configmaps', 'secrets'])(
    'counts nothing for six Metadata creates of %s',
    (resource) => {
      const six = Array.from({ length: 6 }, () => request({ ...METADATA, resource }));
      expect(run(ID, six).notEvaluable).toEqual([]);
    },
  );

  it.each<[string, string | null, string]>([
    ['a named user', 'mallory@example.com', 'created by mallory@example.com runs nginx'],
    ['no user', null, 'created by an unknown identity runs nginx'],
  ])('says who created the pod for %s', (_, user, text) => {
    const { hits } = run(ID, [
      request({
        namespace: 'kube-system',
        user,
        requestObject: podBody([{ name: 'c', image: 'nginx' }]),
      }),
    ]);
    expect(hits[0]!.hit.summary).toBe(`pod kube-system/web-1 ${text}`);
  });
});
