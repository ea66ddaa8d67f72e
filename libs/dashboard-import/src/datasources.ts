import { walkPanels } from '@o11y/grafana-model';
import { canonicalDatasource, datasourceVariableName } from './grafana-normalize.js';
import { isObject, type Json } from './json.js';
import { ImportError, panelLabel } from './migrate/index.js';

export const XRAY_PLUGIN = 'grafana-x-ray-datasource';
const TEMPO_QUERY_TYPES = new Set(['traceql', 'traceqlSearch', 'serviceMap', 'nativeSearch', 'search', 'upload', 'traceId', 'clear']);

/** A hard-coded data source reference replaced by a datasource variable. */
export interface DatasourceBinding {
  /** What the JSON referred to: a name, a uid or an export input such as `${DS_PROMETHEUS}`. */
  readonly reference: string;
  readonly pluginType: string;
  readonly variable: string;
  /** Whether the importer added the variable (false: an existing one of that type was reused). */
  readonly added: boolean;
}

export interface DatasourceOptions {
  /** Plugin type of data sources referenced by name where the queries do not tell: `{ "My Loki": "loki" }`. */
  readonly datasourceTypes?: Readonly<Record<string, string>>;
}

/**
 * Points every panel, query, variable and annotation that names a fixed data source (by name,
 * uid or export input) at a datasource variable of the same plugin type, reusing the dashboard's
 * own variable when it has one and adding `datasource` (or `datasource_<type>`) otherwise.
 */
export function bindDatasources(model: Json, inputs: ReadonlyMap<string, string>, options: DatasourceOptions = {}): DatasourceBinding[] {
  const variables: Json[] = model.templating.list;
  const dsVariables = new Map<string, Json>(variables.filter((v) => v.type === 'datasource').map((v) => [v.name, v]));
  const bindings = new Map<string, DatasourceBinding>();

  const bind = (ref: Json | undefined, hint: () => string | undefined, where: string): Json | undefined => {
    if (!ref || ref.type === 'grafana' || ref.type === 'datasource' || ref.uid === '__expr__') return ref;
    const variable = datasourceVariableName(ref.uid);
    if (variable && dsVariables.has(variable)) return ref;
    if (variable && !inputs.has(variable)) return ref;
    const reference = variable ? `\${${variable}}` : String(ref.uid);
    const known = bindings.get(reference);
    if (known) return { uid: `\${${known.variable}}` };
    const pluginType = (variable ? inputs.get(variable) : undefined) ?? ref.type ?? options.datasourceTypes?.[reference] ?? hint();
    if (!pluginType) {
      throw new ImportError(
        `${where}: data source "${reference}" is referenced by name and its plugin type cannot be told from its queries; pass --datasource-type "${reference}=<plugin id>"`,
      );
    }
    const existing = [...dsVariables.values()].find((v) => v.query === pluginType);
    const name = existing?.name ?? freeName(pluginType, dsVariables);
    if (!existing) {
      const v: Json = { type: 'datasource', name, label: 'Data source', query: pluginType };
      if (!variable) v.current = { text: reference, value: reference };
      dsVariables.set(name, v);
      // Added pickers go after the dashboard's own data source variables, in the order they were found.
      const after = variables.reduce((last, x, i) => (x.type === 'datasource' ? i + 1 : last), 0);
      variables.splice(after, 0, v);
    }
    bindings.set(reference, { reference, pluginType, variable: name, added: !existing });
    return { uid: `\${${name}}` };
  };

  walkPanels(model, (p) => {
    const where = panelLabel(p);
    const targets: Json[] = p.targets ?? [];
    const hint = () => inferPluginType(targets);
    p.datasource = bind(p.datasource, hint, where);
    if (!p.datasource) delete p.datasource;
    for (const t of targets) {
      t.datasource = bind(t.datasource, () => inferPluginType([t]), `${where} query ${t.refId ?? '?'}`);
      if (!t.datasource) delete t.datasource;
    }
  });
  for (const v of variables) {
    if (v.datasource)
      v.datasource = bind(
        canonicalDatasource(v.datasource),
        () => (typeof v.query === 'string' || isObject(v.query) ? 'prometheus' : undefined),
        `variable "${v.name}"`,
      );
  }
  for (const a of model.annotations.list as Json[]) {
    if (a.builtIn !== 1 && a.datasource)
      a.datasource = bind(a.datasource, () => inferPluginType([a.target ?? a]), `annotation "${a.name}"`);
  }
  return [...bindings.values()];
}

function freeName(pluginType: string, taken: ReadonlyMap<string, Json>): string {
  if (!taken.has('datasource')) return 'datasource';
  const slug = pluginType
    .replace(/^grafana-/, '')
    .replace(/-datasource$/, '')
    .replace(/[^a-zA-Z0-9]+/g, '_');
  let name = `datasource_${slug}`;
  for (let i = 2; taken.has(name); i++) name = `datasource_${slug}_${i}`;
  return name;
}

/** The plugin a query belongs to, told from its shape (X-Ray, Tempo, LogQL, PromQL), if it can be. */
export function inferPluginType(targets: readonly Json[]): string | undefined {
  for (const t of targets) {
    if (typeof t.queryType === 'string' && t.queryType.startsWith('get') && ('region' in t || 'group' in t)) return XRAY_PLUGIN;
    if (typeof t.queryType === 'string' && TEMPO_QUERY_TYPES.has(t.queryType)) return 'tempo';
    if (typeof t.expr === 'string') return looksLikeLogQL(t.expr) ? 'loki' : 'prometheus';
  }
  return undefined;
}

/** LogQL has line filters, parsers and `{...}` selectors inside range functions; PromQL has none of these. */
export function looksLikeLogQL(expr: string): boolean {
  // Inside a selector `!="x"` is a PromQL label matcher too; only outside one is it a line filter.
  const outsideSelectors = expr.replace(/\{[^}]*\}/g, '{}');
  return (
    /\|=|\|~|!=\s*"|\|\s*(json|logfmt|pattern|regexp|line_format|label_format|unwrap)\b|_over_time\s*\(\s*\{/.test(outsideSelectors) ||
    /^\s*\{[^}]*\}\s*(\||$)/.test(expr)
  );
}
