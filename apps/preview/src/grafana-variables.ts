import { type DashboardJson, type DatasourceJson, type Json, variableModels } from './dashboard-model.js';
import { findVariableReferences } from '@o11y/grafana-model';
import { ALL_VALUE, interpolateVariables, type ResolvedVariable, type VariableOption } from './grafana-interpolate.js';
import type { PrometheusApi } from './prometheus-api.js';

export interface VariableContext {
  readonly api: PrometheusApi;
  readonly datasources: readonly DatasourceJson[];
  /** The dashboard time range query variables refresh over. */
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Every variable of the dashboard with the value Grafana (12, scenes) selects on load: a variable's
 * dependencies first; query variables run against Prometheus, then regex, de-duplication and sort.
 */
export async function resolveVariables(dashboard: DashboardJson, ctx: VariableContext): Promise<Map<string, ResolvedVariable>> {
  const models = new Map(variableModels(dashboard).map((v) => [String(v.name), v]));
  const resolved = new Map<string, ResolvedVariable>();
  const inProgress = new Set<string>();

  const ensure = async (name: string): Promise<void> => {
    if (resolved.has(name)) return;
    if (inProgress.has(name)) throw new Error(`variable ${name} depends on itself`);
    inProgress.add(name);
    const model = models.get(name)!;
    for (const dep of referencedNames(JSON.stringify([model.query, model.datasource]))) {
      if (dep !== name && models.has(dep)) await ensure(dep);
    }
    resolved.set(name, await resolveOne(model, resolved, ctx));
    inProgress.delete(name);
  };
  for (const name of models.keys()) await ensure(name);
  return resolved;
}

function referencedNames(text: string): Set<string> {
  return new Set(findVariableReferences(text).map((r) => r.name));
}

async function resolveOne(model: Json, resolved: ReadonlyMap<string, ResolvedVariable>, ctx: VariableContext): Promise<ResolvedVariable> {
  const base = {
    name: String(model.name),
    type: String(model.type),
    multi: model.multi === true,
    includeAll: model.includeAll === true,
    ...(typeof model.allValue === 'string' && model.allValue !== '' ? { allValue: model.allValue } : {}),
  };
  const current = (model.current ?? {}) as { value?: string | string[]; text?: string | string[] };
  switch (model.type) {
    case 'query': {
      const options = await queryVariableOptions(model, resolved, ctx);
      return { ...base, options, ...select(base, options, current) };
    }
    case 'custom':
    case 'interval': {
      const options = customOptions(String(model.query ?? ''));
      return { ...base, options, ...select(base, options, current) };
    }
    case 'datasource': {
      const ofType = ctx.datasources.filter((d) => d.type === model.query);
      const options = ofType.map((d) => ({ text: d.name, value: d.uid }));
      const picked =
        ofType.find((d) => d.uid === current.value || d.name === current.value) ?? ofType.find((d) => d.isDefault) ?? ofType[0];
      return { ...base, options, value: picked?.uid ?? '', text: picked?.name ?? '' };
    }
    case 'textbox': {
      const value = typeof current.value === 'string' ? current.value : String(model.query ?? '');
      return { ...base, options: [{ text: value, value }], value, text: value };
    }
    case 'constant': {
      const value = String(model.query ?? '');
      return { ...base, options: [{ text: value, value }], value, text: value };
    }
    case 'adhoc':
    case 'groupby':
      // No filters on load: they add nothing to the queries.
      return { ...base, options: [], value: '', text: '' };
    default:
      throw new Error(`variable ${base.name}: type "${String(model.type)}" is not supported by the preview check`);
  }
}

/** The selection on load (scenes MultiValueVariable): a current value still offered, else All when included, else the first option. */
export function select(
  v: { multi: boolean; includeAll: boolean },
  options: readonly VariableOption[],
  current: { value?: string | string[]; text?: string | string[] },
): { value: string | string[]; text: string | string[] } {
  const all = { value: v.multi ? [ALL_VALUE] : ALL_VALUE, text: v.multi ? ['All'] : 'All' };
  if (options.length === 0) return v.includeAll ? all : v.multi ? { value: [], text: [] } : { value: '', text: '' };
  const wanted = current.value === undefined ? [] : Array.isArray(current.value) ? current.value : [current.value];
  if (v.includeAll && wanted.includes(ALL_VALUE)) return all;
  const texts = current.text === undefined ? [] : Array.isArray(current.text) ? current.text : [current.text];
  // By value first, then by text (a value from the URL may carry the text).
  let found = options.filter((o) => wanted.includes(o.value));
  if (found.length === 0) found = options.filter((o) => texts.includes(o.text));
  if (found.length > 0) {
    return v.multi
      ? { value: found.map((o) => o.value), text: found.map((o) => o.text) }
      : { value: found[0]!.value, text: found[0]!.text };
  }
  if (v.includeAll) return all;
  return v.multi ? { value: [options[0]!.value], text: [options[0]!.text] } : { value: options[0]!.value, text: options[0]!.text };
}

/** `a,b,c` or `label : value` pairs, as Grafana's custom variable reads them. */
export function customOptions(query: string): VariableOption[] {
  return (query.match(/(?:\\,|[^,])+/g) ?? []).map((part) => {
    const text = part.trim().replace(/\\,/g, ',');
    const pair = /^(.+?)\s:\s(.+)$/.exec(text);
    return pair ? { text: pair[1]!.trim(), value: pair[2]!.trim() } : { text, value: text };
  });
}

async function queryVariableOptions(
  model: Json,
  resolved: ReadonlyMap<string, ResolvedVariable>,
  ctx: VariableContext,
): Promise<VariableOption[]> {
  const dsUid = (model.datasource as { uid?: string } | undefined)?.uid;
  const dsName = dsUid ? interpolateVariables(dsUid, resolved, 'text') : undefined;
  const ds = dsName ? ctx.datasources.find((d) => d.uid === dsName || d.name === dsName) : ctx.datasources.find((d) => d.isDefault);
  if (ds?.type !== 'prometheus') throw new Error(`variable ${String(model.name)}: data source ${dsName ?? 'default'} is not Prometheus`);
  const raw = typeof model.query === 'string' ? model.query : String((model.query as { query?: string } | undefined)?.query ?? '');
  const values = await metricFindQuery(interpolateVariables(raw, resolved), ctx);
  return sortOptions(applyRegex(values, typeof model.regex === 'string' ? model.regex : ''), Number(model.sort ?? 0));
}

/** The Prometheus data source's variable queries: label_names, label_values, metrics and query_result. */
export async function metricFindQuery(query: string, ctx: VariableContext): Promise<string[]> {
  const { api, startMs, endMs } = ctx;
  const q = query.trim();
  const labelNames = /^label_names\(\s*(.*?)\s*\)$/s.exec(q);
  if (labelNames) return api.labelNames(labelNames[1] || undefined, startMs, endMs);
  const labelValues = /^label_values\((?:(.+),\s*)?([a-zA-Z_$][a-zA-Z0-9_]*)\)\s*$/s.exec(q);
  if (labelValues) return api.labelValues(labelValues[2]!, labelValues[1]?.trim() || undefined, startMs, endMs);
  const metrics = /^metrics\((.+)\)\s*$/s.exec(q);
  if (metrics) {
    const pattern = new RegExp(metrics[1]!);
    return (await api.labelValues('__name__', undefined, startMs, endMs)).filter((n) => pattern.test(n));
  }
  const queryResult = /^query_result\((.+)\)\s*$/s.exec(q);
  if (queryResult) {
    const series = await api.query(queryResult[1]!, endMs);
    return series.map((s) => {
      const { __name__: name = '', ...labels } = s.metric;
      const text = Object.entries(labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(', ');
      const [t, value] = s.values[0] ?? [0, ''];
      return `${name}{${text}} ${value} ${t * 1000}`;
    });
  }
  throw new Error(`variable query "${q}" is not supported by the preview check`);
}

/** Grafana's stringToJsRegex: `/re/flags`, or a bare pattern anchored at both ends. */
function toRegExp(regex: string): RegExp {
  const slashed = /^\/(.*)\/([gimsuy]*)$/s.exec(regex);
  return slashed ? new RegExp(slashed[1]!, slashed[2]!.replace('g', '')) : new RegExp(`^${regex}$`);
}

/** Keeps values matching the variable's regex; a capture group (or named text / value groups) gives the option. */
export function applyRegex(values: readonly string[], regex: string): VariableOption[] {
  const re = regex ? toRegExp(regex) : undefined;
  const seen = new Set<string>();
  const out: VariableOption[] = [];
  for (const raw of values) {
    let option = { text: raw, value: raw };
    if (re) {
      const m = re.exec(raw);
      if (!m) continue;
      if (m.groups && (m.groups.value !== undefined || m.groups.text !== undefined)) {
        const value = m.groups.value ?? m.groups.text!;
        option = { value, text: m.groups.text ?? value };
      } else if (m.length > 1 && m[1] !== undefined) {
        option = { text: m[1], value: m[1] };
      }
    }
    if (seen.has(option.value)) continue;
    seen.add(option.value);
    out.push(option);
  }
  return out;
}

/** Grafana's sortVariableValues: 1/2 alphabetical, 3/4 numerical, 5/6 case-insensitive, 7/8 natural; even = descending. */
export function sortOptions(options: readonly VariableOption[], sort: number): VariableOption[] {
  if (!sort) return [...options];
  const kind = Math.ceil(sort / 2);
  const number = (o: VariableOption) => {
    const m = /.*?(\d+).*/.exec(o.text);
    return m ? parseInt(m[1]!, 10) : -1;
  };
  const collator = new Intl.Collator(undefined, { sensitivity: 'accent', numeric: true });
  const compare: Record<number, (a: VariableOption, b: VariableOption) => number> = {
    1: (a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
    2: (a, b) => number(a) - number(b),
    3: (a, b) => (a.text.toLowerCase() < b.text.toLowerCase() ? -1 : a.text.toLowerCase() > b.text.toLowerCase() ? 1 : 0),
    4: (a, b) => collator.compare(a.text, b.text),
  };
  const sorted = [...options].sort(compare[kind] ?? (() => 0));
  return sort % 2 === 0 ? sorted.reverse() : sorted;
}
