import { describe, expect, it } from 'vitest';
import { authFailureBurstRule } from '../../../../src/detect/rules/kubernetes/access/auth-failure-burst.js';
import { permissionDiscoveryBurstRule } from '../../../../src/detect/rules/kubernetes/access/permission-discovery-burst.js';
import { secretsReadBurstRule } from '../../../../src/detect/rules/kubernetes/access/secrets-read-burst.js';
import type { ApiObservation } from '../../../../src/model/observation.js';
import { request, run } from './helpers.js';

const SMALL = { threshold: 3, windowMs: 60_000 };

/** A get of secret `name` in dev, `seconds` after the start. */
const read = (seconds: number | null, name: string, over: Partial<ApiObservation> = {}) =>
  request(seconds, {
    verb: 'get',
    resource: 'secrets',
    namespace: 'dev',
    name,
    code: 200,
    ...over,
  });

const review = (seconds: number, over: Partial<ApiObservation> = {}) =>
  request(seconds, {
    verb: 'create',
    resource: 'selfsubjectrulesreviews',
    namespace: null,
    name: null,
    ...over,
  });

const refused = (seconds: number, over: Partial<ApiObservation> = {}) =>
  request(seconds, { verb: 'list', resource: 'pods', code: 403, ...over });

describe('k8s-secrets-read-burst', () => {
  const rule = secretsReadBurstRule({ ...SMALL, distinct: true });
  it.each<[string, ApiObservation[], number[]]>([
    ['three secrets in 20 s', [read(0, 'a'), read(10, 'b'), read(20, 'c')], [3]],
    ['one secret three times', [read(0, 'a'), read(10, 'a'), read(20, 'a')], []],
    ['three secrets too far apart', [read(0, 'a'), read(50, 'b'), read(100, 'c')], []],
    [
      'a burst that goes on',
      [read(0, 'a'), read(1, 'b'), read(2, 'c'), read(50, 'd'), read(100, 'e')],
      [5],
    ],
    [
      'two bursts a gap apart',
      [read(0, 'a'), read(1, 'b'), read(2, 'c'), read(500, 'd'), read(501, 'e'), read(502, 'f')],
      [3, 3],
    ],
    [
      'refused reads',
      [read(0, 'a', { code: 403 }), read(1, 'b', { code: 403 }), read(2, 'c', { code: 403 })],
      [],
    ],
    ['undated reads', [read(null, 'a'), read(null, 'b'), read(null, 'c')], []],
    [
      'a kubelet reading for its pods',
      ['a', 'b', 'c'].map((n, i) => read(i, n, { user: 'system:node:w1' })),
      [],
    ],
  ])('%s', (_, observations, counts) => {
    const hits = run(rule, observations);
    expect(hits.map((h) => Number(h.hit.vars?.count))).toEqual(counts);
  });

  it('keeps readers apart and names the reader', () => {
    const hits = run(rule, [
      read(0, 'a'),
      read(1, 'b', { user: 'bob' }),
      read(2, 'c'),
      read(3, 'd'),
    ]);
    expect(hits.map((h) => h.hit.subject)).toEqual([{ identity: 'jane@corp.example' }]);
    expect(hits[0]!.hit.evidence).toHaveLength(3);
  });

  it('fires at the shipped threshold of ten', () => {
    const ten = Array.from({ length: 10 }, (_, i) => read(i * 20, `s${i}`));
    expect(run('k8s-secrets-read-burst', ten)).toHaveLength(1);
    expect(run('k8s-secrets-read-burst', ten.slice(1))).toHaveLength(0);
  });
});

describe('k8s-permission-discovery-burst', () => {
  const rule = permissionDiscoveryBurstRule({ ...SMALL, distinct: false });
  it.each<[string, ApiObservation[], number]>([
    ['three reviews in a minute', [review(0), review(5), review(10)], 1],
    [
      'access reviews count too',
      [review(0), review(5, { resource: 'selfsubjectaccessreviews' }), review(10)],
      1,
    ],
    ['two reviews', [review(0), review(5)], 0],
    ['reviews spread out', [review(0), review(70), review(140)], 0],
    ['a controller asking', [0, 1, 2].map((s) => review(s, { user: 'system:kube-scheduler' })), 0],
    ['reviews of others', [0, 1, 2].map((s) => review(s, { resource: 'subjectaccessreviews' })), 0],
  ])('%s', (_, observations, count) => {
    expect(run(rule, observations)).toHaveLength(count);
  });
});

describe('k8s-auth-failure-burst', () => {
  const rule = authFailureBurstRule({ ...SMALL, distinct: false });
  it.each<[string, ApiObservation[], object[]]>([
    [
      '403s for one identity',
      [refused(0), refused(1), refused(2)],
      [{ identity: 'jane@corp.example' }],
    ],
    [
      '401s from one address',
      [0, 1, 2].map((s) => refused(s, { code: 401, user: null, sourceIPs: ['203.0.113.9'] })),
      [{ addresses: ['203.0.113.9'] }],
    ],
    [
      'anonymous 403s by address',
      [0, 1, 2].map((s) => refused(s, { user: 'system:anonymous', sourceIPs: ['198.51.100.4'] })),
      [{ addresses: ['198.51.100.4'] }],
    ],
    ['answers that are not refusals', [0, 1, 2].map((s) => refused(s, { code: 404 })), []],
    ['refusals of three identities', ['a', 'b', 'c'].map((u, s) => refused(s, { user: u })), []],
    [
      'a 401 with neither user nor address',
      [0, 1, 2].map((s) => refused(s, { code: 401, user: null, sourceIPs: [] })),
      [],
    ],
  ])('%s', (_, observations, subjects) => {
    expect(run(rule, observations).map((h) => h.hit.subject)).toEqual(subjects);
  });

  it('reports a burst still open at the end, once, with every refusal', () => {
    const hits = run(
      rule,
      Array.from({ length: 40 }, (_, i) => refused(i)),
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.evidence).toHaveLength(40);
    expect(hits[0]!.hit.summary).toContain('40 times in 39 s');
  });

  it('bounds the identities it tracks, reporting a burst before forgetting it', () => {
    const burst = [0, 1, 2].map((s) => refused(s, { user: 'first' }));
    const crowd = Array.from({ length: 10_001 }, (_, i) => refused(3, { user: `u${i}` }));
    const hits = run(rule, [...burst, ...crowd]);
    expect(hits.map((h) => h.hit.subject)).toEqual([{ identity: 'first' }]);
  });
});
