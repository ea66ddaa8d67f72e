import { isGrafanaMacro, replaceVariableReferences } from '@o11y/grafana-model';

/**
 * Grafana's template variable substitution for the Prometheus data source: `$var`, `${var}`,
 * `${var:format}`, `[[var]]` and `[[var:format]]`, with the data source's default escaping.
 */

/** The value Grafana stores when "All" is selected. */
export const ALL_VALUE = '$__all';

export interface VariableOption {
  readonly text: string;
  readonly value: string;
}

/** A dashboard variable with the value Grafana would pick on load. */
export interface ResolvedVariable {
  readonly name: string;
  readonly type: string;
  readonly multi: boolean;
  readonly includeAll: boolean;
  /** The custom "All" value (e.g. `.*`), used as is. */
  readonly allValue?: string;
  /** Options, without the "All" entry. */
  readonly options: readonly VariableOption[];
  /** The selected value(s); ALL_VALUE for "All". */
  readonly value: string | readonly string[];
  readonly text: string | readonly string[];
}

/**
 * Replaces every known variable in `text`. Names starting with `__` are Grafana's macros and stay
 * (substituteMacros handles them); unknown names stay as written, as in Grafana.
 */
export function interpolateVariables(
  text: string,
  variables: ReadonlyMap<string, ResolvedVariable>,
  style: 'prometheus' | 'text' = 'prometheus',
): string {
  return replaceVariableReferences(text, ({ name, fieldPath, format }) => {
    const variable = variables.get(name);
    if (!variable || isGrafanaMacro(name)) return undefined;
    if (fieldPath) throw new Error(`\${${name}.${fieldPath}}: field paths are not supported`);
    return formatVariable(variable, format ?? (style === 'text' ? 'text' : undefined));
  });
}

const isAll = (v: ResolvedVariable) => (Array.isArray(v.value) ? v.value.includes(ALL_VALUE) : v.value === ALL_VALUE);
const asArray = (x: string | readonly string[]) => (typeof x === 'string' ? [x] : [...x]);

/** A variable's value as Grafana writes it into a Prometheus query, in `format` or the data source's default. */
export function formatVariable(v: ResolvedVariable, format?: string): string {
  if (isAll(v) && v.allValue !== undefined) {
    // A custom all value is inserted unescaped whatever the format (scenes CustomAllValue).
    if (format === 'text') return 'All';
    if (format === 'queryparam') return `var-${v.name}=${encodeURIComponent(ALL_VALUE)}`;
    return v.allValue;
  }
  const all = isAll(v);
  const values: string | string[] = all ? v.options.map((o) => o.value) : Array.isArray(v.value) ? [...v.value] : (v.value as string);
  if (format === undefined) return prometheusQueryValue(values, v);
  const list = asArray(values);
  const texts = all ? ['All'] : asArray(v.text);
  switch (format) {
    case 'raw':
      return list.join(',');
    case 'regex':
      return list.length === 1 ? escapeRegex(list[0]!) : `(${list.map(escapeRegex).join('|')})`;
    case 'pipe':
      return list.join('|');
    case 'csv':
      return list.join(',');
    case 'text':
      return texts.join(' + ');
    case 'json':
      return JSON.stringify(typeof values === 'string' ? values : list);
    case 'doublequote':
      return list.map((x) => `"${x.replace(/"/g, '\\"')}"`).join(',');
    case 'singlequote':
      return list.map((x) => `'${x.replace(/'/g, "\\'")}'`).join(',');
    case 'glob':
      return list.length > 1 ? `{${list.join(',')}}` : list.join(',');
    case 'queryparam':
      return list.map((x) => `var-${v.name}=${encodeURIComponent(x)}`).join('&');
    case 'percentencode':
      return encodeURIComponent(list.length > 1 ? `{${list.join(',')}}` : list.join(','));
    default:
      throw new Error(`\${${v.name}:${format}}: format "${format}" is not supported by the preview check`);
  }
}

/** The Prometheus data source's interpolateQueryExpr: regex-escaped `(a|b)` for multi/All variables, plain escape otherwise. */
export function prometheusQueryValue(value: string | readonly string[], v: Pick<ResolvedVariable, 'multi' | 'includeAll'>): string {
  if (!v.multi && !v.includeAll)
    return typeof value === 'string' ? prometheusRegularEscape(value) : value.map(prometheusRegularEscape).join(',');
  if (typeof value === 'string') return prometheusSpecialRegexEscape(value);
  const escaped = value.map(prometheusSpecialRegexEscape);
  return escaped.length === 1 ? escaped[0]! : `(${escaped.join('|')})`;
}

/** Grafana's classic prometheusRegularEscape. */
export const prometheusRegularEscape = (s: string) => s.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'");
/** Grafana's classic prometheusSpecialRegexEscape: metacharacters escaped for a regex inside a PromQL string. */
export const prometheusSpecialRegexEscape = (s: string) => s.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}[\]+?.()|]/g, '\\\\$&');
/** Grafana's escapeRegex, for the `regex` format. */
export const escapeRegex = (s: string) => s.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
