import type { Lists } from '../lists.js';
import { patternOf } from '../lists.js';
import { OPERATORS, type Condition, type FieldTest } from './condition-schema.js';
import { anyValue, parsePath } from './fields.js';

/** A compiled condition: true when the observation satisfies it. */
export type Predicate = (obs: unknown) => boolean;

/**
 * Compiles a rule file's condition once, against the run's lists. A field
 * test holds when ANY value the path reaches passes it, except `exists:
 * false`, which holds when the path reaches nothing.
 */
export function compileCondition(cond: Condition, lists: Lists): Predicate {
  if ('all' in cond) {
    const parts = cond.all.map((c) => compileCondition(c, lists));
    return (obs) => parts.every((p) => p(obs));
  }
  if ('any' in cond) {
    const parts = cond.any.map((c) => compileCondition(c, lists));
    return (obs) => parts.some((p) => p(obs));
  }
  if ('not' in cond) {
    const inner = compileCondition(cond.not, lists);
    return (obs) => !inner(obs);
  }
  return compileTest(cond, lists);
}

function compileTest(test: FieldTest, lists: Lists): Predicate {
  const segments = parsePath(test.field);
  if (test.exists !== undefined) {
    const want = test.exists;
    return (obs) => anyValue(obs, segments, present) === want;
  }
  const check = valueTest(test, lists);
  if (segments.length === 1) {
    // The common case, a top-level field such as verb or resource.
    const key = segments[0]!;
    return (obs) => {
      if (obs === null || typeof obs !== 'object') return false;
      if (Array.isArray(obs)) return anyValue(obs, segments, check);
      if (!Object.hasOwn(obs, key)) return false;
      const value = (obs as Record<string, unknown>)[key];
      return Array.isArray(value) ? anyValue(value, segments, check, 1) : check(value);
    };
  }
  return (obs) => anyValue(obs, segments, check);
}

function present(value: unknown): boolean {
  return value !== null && value !== '';
}

type ValueTest = (value: unknown) => boolean;

function valueTest(test: FieldTest, lists: Lists): ValueTest {
  const op = OPERATORS.find((o) => o in test)!;
  switch (op) {
    case 'equals':
      return equalTo(test.equals ?? null);
    case 'in': {
      const tests = test.in!.map(equalTo);
      return (v) => tests.some((t) => t(v));
    }
    case 'inList': {
      const member = lists.test(test.inList!);
      return (v) => (typeof v === 'string' || typeof v === 'number') && member(String(v));
    }
    case 'matches': {
      const pattern = patternOf(test.matches!);
      return (v) => typeof v === 'string' && pattern.test(v);
    }
    default:
      return textOrNumberTest(op, test);
  }
}

function textOrNumberTest(op: (typeof OPERATORS)[number], test: FieldTest): ValueTest {
  switch (op) {
    case 'contains': {
      const part = test.contains!.toLowerCase();
      return (v) => typeof v === 'string' && v.toLowerCase().includes(part);
    }
    case 'startsWith': {
      const part = test.startsWith!;
      return (v) => typeof v === 'string' && v.startsWith(part);
    }
    case 'endsWith': {
      const part = test.endsWith!;
      return (v) => typeof v === 'string' && v.endsWith(part);
    }
    case 'gt':
      return numeric((n) => n > test.gt!);
    case 'gte':
      return numeric((n) => n >= test.gte!);
    case 'lt':
      return numeric((n) => n < test.lt!);
    case 'lte':
      return numeric((n) => n <= test.lte!);
    default:
      throw new Error(`unknown operator '${op}'`);
  }
}

/**
 * Equality as evidence writes it: strings without case, and a number equal
 * to its decimal text ("0" and 0 both say zero replicas).
 */
function equalTo(want: string | number | boolean | null): ValueTest {
  if (typeof want === 'string') {
    const lower = want.toLowerCase();
    return (v) => {
      if (typeof v === 'string') {
        return v === want || (v.length === lower.length && v.toLowerCase() === lower);
      }
      return typeof v === 'number' && String(v) === lower;
    };
  }
  if (typeof want === 'number')
    return (v) => v === want || (typeof v === 'string' && Number(v) === want && v.trim() !== '');
  return (v) => v === want;
}

function numeric(test: (n: number) => boolean): ValueTest {
  return (v) => {
    const n =
      typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isFinite(n) && test(n);
  };
}
