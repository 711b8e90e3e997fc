import { describe, expect, it } from 'vitest';
import { Lists } from '../../../../src/detect/lists.js';
import type { ApiObservation } from '../../../../src/model/observation.js';
import { request, run } from './helpers.js';

const SA = 'system:serviceaccount:ci:builder';
const use = (sourceIPs: string[], over: Partial<ApiObservation> = {}) =>
  request(0, { user: SA, sourceIPs, ...over });

describe('k8s-serviceaccount-token-external', () => {
  it.each<[string, ApiObservation, number]>([
    ['from a public address', use(['203.0.113.7']), 1],
    ['from a public IPv6 address', use(['2001:db8::7']), 1],
    ['from a pod', use(['10.244.1.12']), 0],
    ['from an IPv4-mapped pod address', use(['::ffff:10.244.1.12']), 0],
    ['through an inside proxy: the client is first', use(['203.0.113.7', '10.0.0.5']), 1],
    ['from inside through an outside hop', use(['10.0.0.5', '203.0.113.7']), 0],
    ['a person from outside', use(['203.0.113.7'], { user: 'jane@corp.example' }), 0],
    ['no address logged', use([]), 0],
    ['an address that is not one', use(['not-an-ip']), 0],
  ])('%s', (_, obs, count) => {
    expect(run('k8s-serviceaccount-token-external', [obs])).toHaveLength(count);
  });

  it('keeps one finding key per account, whatever the address', () => {
    const hits = run('k8s-serviceaccount-token-external', [
      use(['203.0.113.7']),
      use(['198.51.100.9']),
    ]);
    expect(hits.map((h) => h.hit.key)).toEqual(['outside', 'outside']);
    expect(hits[0]!.hit.summary).toContain('ci:builder used from 203.0.113.7');
  });

  it('follows the cluster-ranges list of the run', () => {
    const lists = new Lists(
      new Map([['cluster-ranges', { type: 'ranges' as const, values: ['203.0.113.0/24'] }]]),
    );
    const hits = run('k8s-serviceaccount-token-external', [use(['203.0.113.7'])], {
      intel: null,
      lists,
    });
    expect(hits).toHaveLength(0);
  });
});
