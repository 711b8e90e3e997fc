/**
 * Fills a response template: `{entity}` with the entity's name, `{name}`
 * with a value the rule gave. A placeholder with no value becomes the
 * entity's name, so a step never shows raw braces.
 * Example: "docker stop {entity}" -> "docker stop evidence-tampered".
 */
export function fillTemplate(
  template: string,
  entityName: string,
  vars: Record<string, string> = {},
): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (_m, key: string) =>
    bounded(key === 'entity' ? entityName : (vars[key] ?? entityName)),
  );
}

/**
 * Longest text from evidence a response step or summary carries. A command
 * of megabytes is evidence to read at its source, not to repeat in every
 * line of the report. Example: a 5 MB exec command becomes its first 2,000
 * characters and " …[cut]".
 */
export const MAX_TEXT = 2000;

export function bounded(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)} …[cut]` : text;
}
