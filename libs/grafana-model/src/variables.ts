/**
 * Grafana's template variable grammar: `$name`, `${name}`, `${name.fieldPath}`, `${name:format}`,
 * `[[name]]` and `[[name:format]]`. Names starting with `__` are Grafana's macros and built-ins
 * (`$__rate_interval`, `${__value.text}`). The one place the workspace reads this syntax.
 */

/** How a reference is written. */
export type VariableSyntax = 'dollar' | 'braces' | 'brackets';

/** One variable reference found in a text. */
export interface VariableReference {
  /** The reference as written: `${ds:raw}`. */
  readonly text: string;
  /** Where it starts in the text. */
  readonly index: number;
  readonly name: string;
  readonly syntax: VariableSyntax;
  /** `${name.fieldPath}`: a field of the value (`${__value.text}`). */
  readonly fieldPath?: string;
  /** `${name:format}` or `[[name:format]]`: how the value is written (`raw`, `regex`, `csv`...). */
  readonly format?: string;
}

// Grafana's variableRegex (public/app/features/variables/utils.ts); a fresh copy per use, as it is global.
const VARIABLE_SOURCE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/.source;

function toReference(m: RegExpMatchArray): VariableReference {
  const [text, bare, bracket, bracketFormat, braced, fieldPath, bracedFormat] = m;
  const syntax: VariableSyntax = bare !== undefined ? 'dollar' : bracket !== undefined ? 'brackets' : 'braces';
  const format = bracketFormat ?? bracedFormat;
  return {
    text,
    index: m.index!,
    name: (bare ?? bracket ?? braced)!,
    syntax,
    ...(fieldPath !== undefined ? { fieldPath } : {}),
    ...(format !== undefined ? { format } : {}),
  };
}

/** Every variable reference in a text, in order (macros included). */
export function findVariableReferences(text: string): VariableReference[] {
  return [...text.matchAll(new RegExp(VARIABLE_SOURCE, 'g'))].map(toReference);
}

/** Replaces each reference with what `replace` returns for it; undefined keeps it as written. */
export function replaceVariableReferences(text: string, replace: (ref: VariableReference) => string | undefined): string {
  return text.replace(new RegExp(VARIABLE_SOURCE, 'g'), (...args) => {
    const groups = args.slice(0, 7) as string[];
    const m = Object.assign(groups, { index: args[7] as number }) as unknown as RegExpMatchArray;
    return replace(toReference(m)) ?? groups[0]!;
  });
}

/** The reference a whole string is (`$ds`, `${ds}`, `${ds:raw}`, `[[ds]]`), or undefined. */
export function wholeVariableReference(value: unknown): VariableReference | undefined {
  if (typeof value !== 'string') return undefined;
  const m = new RegExp(`^(?:${VARIABLE_SOURCE})$`).exec(value);
  return m ? toReference(m) : undefined;
}

/** The variable a whole string refers to (`$ds`, `${ds}`, `${ds:raw}`, `[[ds]]`), or undefined. */
export function variableReference(value: unknown): string | undefined {
  return wholeVariableReference(value)?.name;
}

/** Whether a name is Grafana's (a macro such as `__rate_interval` or a built-in such as `__value`). */
export const isGrafanaMacro = (name: string): boolean => name.startsWith('__');

/**
 * Names of the template variables a text uses, without Grafana's built-ins (`$__interval`,
 * `${__value.text}`...) and regex/replacement groups such as `$1`.
 */
export function variablesUsedIn(text: string): string[] {
  const names = new Set<string>();
  for (const { name } of findVariableReferences(text))
    if (!isGrafanaMacro(name) && !/^\d/.test(name) && !GRAFANA_BUILT_INS.has(name)) names.add(name);
  return [...names];
}

/** Variables Grafana or a data source plugin defines without a dashboard variable (InfluxQL, SQL macros). */
const GRAFANA_BUILT_INS = new Set(['timeFilter', 'interval']);
