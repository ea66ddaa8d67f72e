import { variableReference } from '@o11y/grafana-model';
import { call, execute, fnCall, literal, newBuilder, type Call, type Expr } from './code.js';
import { XRAY_PLUGIN, inferPluginType } from './datasources.js';
import { normalizePanel } from './grafana-normalize.js';
import { deepEqual, diffPaths, isObject, setPath, type Json } from './json.js';
import { KIT, RAW, XRAY, builderMethods, runtime, valueFor } from './sdk.js';

export interface QueryContext {
  /** Plugin type of each datasource variable, by variable name. */
  readonly variableTypes: ReadonlyMap<string, string>;
  /** The panel's data source (queries without one inherit it). */
  readonly panelDatasource: Json | undefined;
}

export interface EmittedQuery {
  readonly expr: Expr;
  /** Set when the query was kept as JSON: what kind it was. */
  readonly fallback?: string;
  /** Members no builder method sets, merged verbatim. */
  readonly rawMembers: string[];
}

const KIT_DATASOURCE = { uid: '${datasource}' };

/** A panel query as builder code: Prometheus through the kit, Loki and Tempo through the SDK, X-Ray through @o11y/xray-query. */
export function emitQuery(target: Json, ctx: QueryContext): EmittedQuery {
  const type = pluginTypeOf(target, ctx);
  const candidate =
    type === 'prometheus' || type === 'grafana-amazonprometheus-datasource'
      ? promQuery(target)
      : type === 'loki'
        ? sdkQuery('loki', target)
        : type === 'tempo'
          ? sdkQuery('tempo', target)
          : type === XRAY_PLUGIN
            ? xrayQuery(target)
            : undefined;
  if (candidate) {
    const verified = verify(candidate.expr, candidate.covered, target, ctx);
    if (verified) return verified;
  }
  return {
    expr: { ...fnCall(RAW, 'rawQuery', [literal(target)]) },
    fallback: type ?? 'unknown',
    rawMembers: [],
  };
}

function pluginTypeOf(target: Json, ctx: QueryContext): string | undefined {
  const ds = target.datasource ?? ctx.panelDatasource;
  const variable = variableReference(ds?.uid);
  return ds?.type ?? (variable ? ctx.variableTypes.get(variable) : undefined) ?? inferPluginType([target]);
}

interface Candidate {
  readonly expr: Expr;
  /** Target members each call sets, so a call that gets one wrong can be replaced by the raw value. */
  readonly covered: Map<string, Call>;
}

function promQuery(t: Json): Candidate {
  const refId = t.refId ? [literal(t.refId)] : [];
  const legend = t.legendFormat !== undefined ? literal(t.legendFormat) : literal(undefined);
  const asTable = t.instant === true && t.format === 'table' && t.refId && t.legendFormat === undefined;
  const base = asTable
    ? fnCall(KIT, 'promTable', [literal(t.expr), literal(t.refId)])
    : fnCall(KIT, t.instant === true ? 'promInstant' : 'promQuery', trimUndefined([literal(t.expr), legend, ...refId]));
  const handled = new Set(['expr', 'legendFormat', 'refId', 'instant', 'range', 'datasource', ...(asTable ? ['format'] : [])]);
  if (t.instant === true && t.range === true) handled.delete('range');
  return withMemberCalls(base, 'prometheus', t, handled);
}

function sdkQuery(module: string, t: Json): Candidate {
  return withMemberCalls(newBuilder(module, 'DataqueryBuilder'), module, t, new Set());
}

function xrayQuery(t: Json): Candidate {
  const q = literal(t.query ?? '');
  const base =
    t.queryType === 'getServiceMap'
      ? fnCall(XRAY, 'xrayServiceMap', [q])
      : t.queryType === 'getTimeSeriesServiceStatistics' && Array.isArray(t.columns)
        ? fnCall(XRAY, 'xrayServiceStatistics', [q, literal(t.columns, 'XRayStatisticColumn[]')])
        : t.queryType === 'getTraceSummaries'
          ? fnCall(XRAY, 'xrayTraceSummaries', [q])
          : t.queryType === 'getTrace'
            ? fnCall(XRAY, 'xrayTrace', [q])
            : newBuilder(XRAY, 'XRayQueryBuilder', [literal(t.queryType), q]);
  const calls: Call[] = [];
  const covered = new Map<string, Call>();
  const add = (key: string, c: Call) => {
    calls.push(c);
    covered.set(key, c);
  };
  if (t.refId) add('refId', call('refId', literal(t.refId)));
  if (t.region !== undefined) add('region', call('region', literal(t.region)));
  if (isObject(t.group)) add('group', call('group', literal(t.group, 'XRayGroup')));
  if (typeof t.resolution === 'number') add('resolution', call('resolution', literal(t.resolution)));
  if (t.hide === true) add('hide', call('hide', literal(true)));
  if (t.datasource && !deepEqual(t.datasource, KIT_DATASOURCE)) add('datasource', call('datasource', literal(t.datasource)));
  else if (t.datasource) add('datasource', call('datasource', fnCall(KIT, 'datasourceVariableRef')));
  const expr = base.kind === 'fn' || base.kind === 'new' ? { ...base, calls } : base;
  return { expr, covered };
}

/** One builder call per target member that the builder has a method for. */
function withMemberCalls(base: Expr, module: string, t: Json, handled: ReadonlySet<string>): Candidate {
  const methods = builderMethods(module, 'DataqueryBuilder');
  const calls: Call[] = [];
  const covered = new Map<string, Call>();
  for (const [k, v] of Object.entries(t)) {
    if (handled.has(k) || v === undefined) continue;
    if (k === 'datasource' && deepEqual(v, KIT_DATASOURCE)) {
      const c = call('datasource', fnCall(KIT, 'datasourceVariableRef'));
      calls.push(c);
      covered.set(k, c);
      continue;
    }
    const m = methods.get(k);
    if (!m) continue;
    if (m.params.length === 0) {
      if (v === true) {
        const c = call(k);
        calls.push(c);
        covered.set(k, c);
      }
      continue;
    }
    const arg = m.params.length === 1 ? valueFor(m.params[0]!.type, v) : undefined;
    if (!arg) continue;
    const c = call(k, arg);
    calls.push(c);
    covered.set(k, c);
  }
  const expr = base.kind === 'fn' || base.kind === 'new' ? { ...base, calls: [...base.calls, ...calls] } : base;
  return { expr, covered };
}

/** Drops trailing `undefined` arguments (optional parameters left out). */
function trimUndefined(args: Expr[]): Expr[] {
  const out = [...args];
  while (out.length && out[out.length - 1]!.kind === 'literal' && (out[out.length - 1] as { value: unknown }).value === undefined)
    out.pop();
  return out;
}

/** Builds the candidate in process and patches what differs from the target; undefined when it cannot be made equal. */
function verify(expr: Expr, covered: Map<string, Call>, target: Json, ctx: QueryContext): EmittedQuery | undefined {
  const want = comparable(target, ctx);
  let current = expr;
  for (let attempt = 0; attempt < 3; attempt++) {
    const built = comparable(execute(current, runtime).build(), ctx);
    const diffs = diffPaths(want, built);
    if (diffs.length === 0) return { expr: current, rawMembers: [] };
    const keys = [...new Set(diffs.map((d) => String(d[0] ?? '')))];
    if (keys.includes('')) return undefined;
    const dropCalls = new Set(keys.map((k) => covered.get(k)).filter((c): c is Call => !!c));
    if (dropCalls.size === 0) {
      const patch: Json = {};
      for (const k of keys) setPath(patch, [k], target[k]);
      const patched = { ...fnCall(RAW, 'withRaw', [stripCalls(current, dropCalls), literal(patch)]) };
      const check = comparable(execute(patched, runtime).build(), ctx);
      return deepEqual(want, check) ? { expr: patched, rawMembers: keys } : undefined;
    }
    current = stripCalls(current, dropCalls);
    for (const c of dropCalls) for (const [k, v] of covered) if (v === c) covered.delete(k);
  }
  return undefined;
}

function stripCalls(expr: Expr, drop: ReadonlySet<Call>): Expr {
  return expr.kind === 'fn' || expr.kind === 'new' ? { ...expr, calls: expr.calls.filter((c) => !drop.has(c)) } : expr;
}

/** A query as the comparison sees it: normalised inside a throwaway panel with the same data source. */
function comparable(t: Json, ctx: QueryContext): Json {
  const json = JSON.parse(JSON.stringify(t)) as Json;
  const panel = normalizePanel({ type: 'timeseries', datasource: ctx.panelDatasource, targets: [json] });
  return panel.targets[0];
}
