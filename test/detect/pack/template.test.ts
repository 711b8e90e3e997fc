import { describe, expect, it } from 'vitest';
import { parsePath } from '../../../src/detect/pack/fields.js';
import { compileTemplate } from '../../../src/detect/pack/template.js';

describe('field paths', () => {
  it.each([
    ['verb', ['verb']],
    ['requestObject.roleRef.name', ['requestObject', 'roleRef', 'name']],
    ['annotations["a.b/c"]', ['annotations', 'a.b/c']],
    ['labels["io.kubernetes.pod.name"].x', ['labels', 'io.kubernetes.pod.name', 'x']],
  ])('%s', (path, segments) => {
    expect(parsePath(path)).toEqual(segments);
  });

  it.each(['', 'a..b', 'a[b]', 'a["b"', '.a'])('refuses %j', (path) => {
    expect(() => parsePath(path)).toThrow(/field path/);
  });
});

describe('summary templates', () => {
  const obs = {
    user: 'alice',
    requestObject: { subjects: [{ name: 'bob' }, { name: 'carol' }, { name: 'bob' }] },
    many: Array.from({ length: 8 }, (_, i) => `n${i}`),
  };

  it.each([
    ['{user} bound {requestObject.subjects.name}', 'alice bound bob, carol'],
    ['{missing} stays visible', '? stays visible'],
    ['{many}', 'n0, n1, n2, n3, n4 and 3 more'],
    ['{target} from vars', 'pods dev/web from vars'],
    ['no placeholder', 'no placeholder'],
  ])('%s', (text, expected) => {
    expect(compileTemplate(text)(obs, { target: 'pods dev/web' })).toBe(expected);
  });

  it('cuts a long value', () => {
    const filled = compileTemplate('{user}')({ user: 'x'.repeat(5000) }, {});
    expect(filled).toHaveLength(200);
  });
});
