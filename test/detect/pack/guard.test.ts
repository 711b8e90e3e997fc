import { describe, expect, it } from 'vitest';
import type { RuleFile } from '../../../src/detect/pack/card-schema.js';
import type { Condition } from '../../../src/detect/pack/condition-schema.js';
import { guardOf } from '../../../src/detect/pack/guard.js';

const file = (when: Condition, scope?: Condition) =>
  ({
    when,
    ...(scope ? { requires: { field: 'requestObject', scope, reason: 'r' } } : {}),
  }) as RuleFile;

describe('guards a data rule implies', () => {
  it.each<[string, RuleFile, unknown]>([
    [
      'a lone equals',
      file({ field: 'action', equals: 'backoff' }),
      { field: 'action', values: ['backoff'] },
    ],
    [
      'the finest field under all',
      file({
        all: [
          { field: 'verb', equals: 'create' },
          { field: 'resource', in: ['roles'] },
        ],
      }),
      { field: 'resource', values: ['roles'] },
    ],
    ['no guard under any', file({ any: [{ field: 'verb', equals: 'create' }] }), undefined],
    ['no guard on a nested field', file({ field: 'requestObject.kind', equals: 'Pod' }), undefined],
    ['no guard on a number', file({ field: 'code', equals: 403 }), undefined],
    ['no guard on a list', file({ field: 'userAgent', inList: 'attack-user-agents' }), undefined],
    [
      'the field a requires scope shares, with both value sets',
      file(
        {
          all: [
            { field: 'verb', equals: 'create' },
            { field: 'resource', equals: 'pods' },
          ],
        },
        { field: 'resource', in: ['pods', 'deployments'] },
      ),
      { field: 'resource', values: ['pods', 'deployments'] },
    ],
    [
      'none when the scope is wider than any guard',
      file({ field: 'resource', equals: 'pods' }, { field: 'verb', equals: 'create' }),
      undefined,
    ],
  ])('%s', (_, rule, expected) => {
    expect(guardOf(rule)).toEqual(expected);
  });
});
