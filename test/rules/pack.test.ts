import { describe, expect, it } from 'vitest';
import { rulePack } from '../../src/detect/registry.js';
import { testRule } from '../../src/detect/selftest.js';

const pack = rulePack();

describe('the rule pack', () => {
  it('has unique ids, each with a positive and a negative fixture', () => {
    const ids = pack.map((r) => r.card.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of pack) {
      expect(rule.card.validation.positive.length, rule.card.id).toBeGreaterThan(0);
      expect(rule.card.validation.negative.length, rule.card.id).toBeGreaterThan(0);
    }
  });

  // The same check `stowaway rules test` makes, one case per rule.
  it.each(pack.map((r) => [r.card.id, r] as const))(
    '%s passes its own fixtures',
    async (_, rule) => {
      const failures = (await testRule(rule)).filter((r) => r.problem !== undefined);
      expect(failures.map((f) => `${f.expect} ${f.fixture}: ${f.problem}`)).toEqual([]);
    },
  );
});
