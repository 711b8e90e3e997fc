import { describe, expect, it } from 'vitest';
import type { ApiObservation } from '../../../../src/model/observation.js';
import { request, run } from './helpers.js';

const CSR = {
  resource: 'certificatesigningrequests',
  namespace: null,
  apiGroup: 'certificates.k8s.io',
};

const create = (name: string, over: Partial<ApiObservation> = {}) =>
  request(0, {
    ...CSR,
    verb: 'create',
    name,
    code: 201,
    requestObject: { spec: { signerName: 'kubernetes.io/kube-apiserver-client' } },
    ...over,
  });

const verdict = (type: unknown) => ({ status: { conditions: [{ type, status: 'True' }] } });

const approve = (name: string, over: Partial<ApiObservation> = {}) =>
  request(10, {
    ...CSR,
    verb: 'update',
    subresource: 'approval',
    name,
    code: 200,
    requestObject: verdict('Approved'),
    ...over,
  });

describe('k8s-csr-self-approved', () => {
  it.each<[string, ApiObservation[], number]>([
    ['created and approved by jane', [create('c1'), approve('c1')], 1],
    ['approved by a patch', [create('c1'), approve('c1', { verb: 'patch' })], 1],
    ['approved by someone else', [create('c1'), approve('c1', { user: 'admin' })], 0],
    ['denied by jane', [create('c1'), approve('c1', { requestObject: verdict('Denied') })], 0],
    ['another request approved', [create('c1'), approve('c2')], 0],
    ['approval refused', [create('c1'), approve('c1', { code: 403 })], 0],
    ['creation refused', [create('c1', { code: 403 }), approve('c1')], 0],
    ['approval with no creation in the log', [approve('c1')], 0],
    [
      'conditions of the wrong type',
      [create('c1'), approve('c1', { requestObject: { status: { conditions: 'x' } } })],
      1,
    ],
  ])('%s', (_, observations, count) => {
    expect(run('k8s-csr-self-approved', observations)).toHaveLength(count);
  });

  it('is less sure when the body was not logged, and keeps both records', () => {
    const [hit] = run('k8s-csr-self-approved', [
      create('c1', { requestObject: null }),
      approve('c1', { requestObject: null }),
    ]);
    expect(hit!.hit.confidence).toBe(0.6);
    expect(hit!.hit.evidence).toHaveLength(2);
    expect(hit!.hit.summary).toBe('jane@corp.example created and approved certificate request c1');
  });

  it('names the signer when the creation carried it', () => {
    const [hit] = run('k8s-csr-self-approved', [create('c1'), approve('c1')]);
    expect(hit!.hit.summary).toContain('(signer kubernetes.io/kube-apiserver-client)');
  });
});
