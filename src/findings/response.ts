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
    key === 'entity' ? entityName : (vars[key] ?? entityName),
  );
}
