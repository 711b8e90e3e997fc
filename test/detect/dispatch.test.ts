import { describe, expect, it } from 'vitest';
import { Dispatch } from '../../src/detect/dispatch.js';
import type { Guard } from '../../src/detect/rule.js';
import { api, lifecycle } from '../helpers/observations.js';

interface Entry {
  name: string;
  guard?: Guard;
}

function dispatch(): Dispatch<Entry> {
  const d = new Dispatch<Entry>();
  d.add({ name: 'every-api' }, ['api']);
  d.add({ name: 'roles', guard: { field: 'resource', values: ['Roles', 'clusterroles'] } }, [
    'api',
  ]);
  d.add({ name: 'exec', guard: { field: 'subresource', values: ['exec'] } }, ['api', 'lifecycle']);
  return d;
}

function seen(d: Dispatch<Entry>, obs: Parameters<Dispatch<Entry>['each']>[0]): string[] {
  return d.listsFor(obs, []).flatMap((list) => list.map((e) => e.name));
}

describe('rule dispatch', () => {
  it.each([
    ['a role write', { resource: 'clusterroles' }, ['every-api', 'roles']],
    ['a value in another case', { resource: 'ROLES' }, ['every-api', 'roles']],
    ['an exec', { resource: 'pods', subresource: 'exec' }, ['every-api', 'exec']],
    ['neither', { resource: 'pods', subresource: null }, ['every-api']],
    [
      'a field that is no string',
      { resource: ['roles'] as unknown as string },
      ['every-api', 'roles'],
    ],
  ])('%s', (_, over, expected) => {
    expect(seen(dispatch(), api(over))).toEqual(expected);
  });

  it('sends a kind only to the rules that read it', () => {
    expect(seen(dispatch(), lifecycle({ action: 'exec_start' }))).toEqual([]);
  });
});
