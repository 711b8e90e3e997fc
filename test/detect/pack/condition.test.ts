import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../src/detect/pack/condition.js';
import type { Condition } from '../../../src/detect/pack/condition-schema.js';
import { defaultLists } from '../../../src/settings/load.js';

const lists = defaultLists();
const holds = (cond: Condition, value: unknown): boolean => compileCondition(cond, lists)(value);

const request = {
  verb: 'create',
  code: 201,
  replicas: '0',
  user: 'system:serviceaccount:kube-system:deployer',
  annotations: { 'authorization.k8s.io/decision': 'allow' },
  requestObject: {
    roleRef: { name: 'cluster-admin' },
    rules: [{ verbs: ['get', 'list'] }, { verbs: ['*'], resources: ['pods/exec'] }],
  },
  sourceIPs: ['198.51.100.7'],
};

describe('conditions over observation fields', () => {
  it.each<[string, Condition, boolean]>([
    ['equals, without case', { field: 'verb', equals: 'CREATE' }, true],
    ['equals a number as text', { field: 'replicas', equals: 0 }, true],
    ['in', { field: 'verb', in: ['update', 'create'] }, true],
    ['in, no member', { field: 'verb', in: ['delete'] }, false],
    ['a nested field', { field: 'requestObject.roleRef.name', equals: 'cluster-admin' }, true],
    ['any element of nested arrays', { field: 'requestObject.rules.verbs', equals: '*' }, true],
    [
      'a quoted key with dots',
      { field: 'annotations["authorization.k8s.io/decision"]', equals: 'allow' },
      true,
    ],
    ['exists', { field: 'requestObject.roleRef', exists: true }, true],
    ['exists, absent', { field: 'requestObject.subjects', exists: true }, false],
    ['exists on a scalar', { field: 'verb', exists: true }, true],
    ['exists: false on a missing field', { field: 'responseObject', exists: false }, true],
    [
      'matches',
      { field: 'requestObject.rules.resources', matches: '/^pods\\/(exec|attach)$/' },
      true,
    ],
    ['contains', { field: 'user', contains: 'KUBE-SYSTEM' }, true],
    ['startsWith', { field: 'user', startsWith: 'system:serviceaccount:' }, true],
    ['endsWith', { field: 'user', endsWith: ':deployer' }, true],
    ['gte', { field: 'code', gte: 400 }, false],
    ['lt', { field: 'code', lt: 400 }, true],
    [
      'a words list',
      { field: 'requestObject.rules.verbs', inList: 'dangerous-capabilities' },
      false,
    ],
    ['a globs list', { field: 'user', inList: 'system-identities' }, true],
    ['a ranges list', { field: 'sourceIPs', inList: 'cluster-ranges' }, false],
    [
      'all',
      {
        all: [
          { field: 'verb', equals: 'create' },
          { field: 'code', lt: 300 },
        ],
      },
      true,
    ],
    [
      'any',
      {
        any: [
          { field: 'verb', equals: 'delete' },
          { field: 'code', equals: 201 },
        ],
      },
      true,
    ],
    ['not', { not: { field: 'verb', equals: 'create' } }, false],
  ])('%s', (_, cond, expected) => {
    expect(holds(cond, request)).toBe(expected);
  });

  it.each([null, 'text', 42, [], { verb: { nested: true } }])(
    'never throws on a hostile value (%j)',
    (value) => {
      expect(holds({ field: 'verb.nested', equals: true }, value)).toBe(
        JSON.stringify(value) === '{"verb":{"nested":true}}',
      );
    },
  );

  it.each([[null], ['text'], [42], [[]]])('reads no top-level field of %j', (value) => {
    expect(holds({ field: 'verb', exists: false }, value)).toBe(true);
    expect(holds({ field: 'length', equals: 0 }, value)).toBe(false);
  });

  it('refuses an unknown list when compiled, not when matched', () => {
    expect(() => compileCondition({ field: 'verb', inList: 'no-such-list' }, lists)).toThrow(
      /no list named 'no-such-list'/,
    );
  });

  it('does not read inherited properties', () => {
    expect(holds({ field: 'constructor', exists: true }, {})).toBe(false);
  });
});
