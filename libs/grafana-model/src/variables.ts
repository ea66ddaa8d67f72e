const WHOLE_REFERENCE = /^\$\{(\w+)(?::\w+)?\}$|^\$(\w+)$|^\[\[(\w+)\]\]$/;

/** The variable a whole string refers to (`$ds`, `${ds}`, `${ds:raw}`, `[[ds]]`), or undefined. */
export function variableReference(value: unknown): string | undefined {
  return typeof value === 'string' ? WHOLE_REFERENCE.exec(value)?.slice(1).find(Boolean) : undefined;
}

/** Grafana's template variable syntax: `$name`, `${name}`, `${name.path:format}`, `[[name]]`, `[[name:format]]`. */
const ANY_REFERENCE = /\$\{(\w+)(?:\.[^:}]*)?(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(\w+)/g;

/**
 * Names of the template variables a text uses, without Grafana's built-ins (`$__interval`,
 * `${__value.text}`...) and regex/replacement groups such as `$1`.
 */
export function variablesUsedIn(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(ANY_REFERENCE)) {
    const name = (m[1] ?? m[2] ?? m[3])!;
    if (!name.startsWith('__') && !/^\d/.test(name) && !GRAFANA_BUILT_INS.has(name)) names.add(name);
  }
  return [...names];
}

/** Variables Grafana or a data source plugin defines without a dashboard variable (InfluxQL, SQL macros). */
const GRAFANA_BUILT_INS = new Set(['timeFilter', 'interval']);
