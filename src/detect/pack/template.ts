import { fieldReader, type FieldReader } from './fields.js';

/** A compiled template: its text with each `{name}` filled from vars or fields. */
export type Template = (obs: unknown, vars: Record<string, string>) => string;

/** How many values of one field a summary lists before it says how many more. */
const VALUES_SHOWN = 5;
/** Longest text one placeholder puts into a summary. */
const VALUE_CHARS = 200;

/**
 * Compiles "{user} bound {requestObject.subjects.name} to cluster-admin".
 * A placeholder is a template value when the rule has one by that name,
 * else a field path; a field with several values lists them, one with none
 * reads "?". Evidence text is cut, never trusted: the report escapes it.
 */
export function compileTemplate(text: string): Template {
  const parts: (string | { name: string; read: FieldReader })[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{([^{}]+)\}/g)) {
    parts.push(text.slice(last, m.index));
    parts.push({ name: m[1]!, read: fieldReader(m[1]!) });
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return (obs, vars) =>
    parts
      .map((p) => (typeof p === 'string' ? p : (vars[p.name] ?? fieldText(p.read(obs)))))
      .join('');
}

function fieldText(values: unknown[]): string {
  const texts = [...new Set(values.filter(isShown).map((v) => String(v).slice(0, VALUE_CHARS)))];
  if (texts.length === 0) return '?';
  const shown = texts.slice(0, VALUES_SHOWN).join(', ');
  const more = texts.length - VALUES_SHOWN;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

function isShown(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
