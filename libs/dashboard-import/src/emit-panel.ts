import { call, execute, fnCall, literal, newBuilder, type Call, type Expr } from './code.js';
import { comparablePanel } from './comparable.js';
import { emitQuery, type QueryContext } from './emit-query.js';
import { deepEqual, diffPaths, formatPath, getPath, isObject, setPath, type Json, type PathPart } from './json.js';
import { KIT, RAW, builderMethods, panelModule, runtime, valueFor } from './sdk.js';

/** Panel members set through a builder method of the same name. */
const PANEL_MEMBERS = [
  'description',
  'transparent',
  'datasource',
  'links',
  'repeat',
  'repeatDirection',
  'maxPerRow',
  'interval',
  'maxDataPoints',
  'timeFrom',
  'timeShift',
  'hideTimeOverride',
  'timeCompare',
  'cacheTimeout',
  'queryCachingTTL',
];

/** Standard field config members and the builder method that sets each. */
const FIELD_DEFAULTS: Readonly<Record<string, string>> = {
  unit: 'unit',
  decimals: 'decimals',
  min: 'min',
  max: 'max',
  displayName: 'displayName',
  noValue: 'noValue',
  mappings: 'mappings',
  thresholds: 'thresholds',
  color: 'colorScheme',
  links: 'dataLinks',
  fieldMinMax: 'fieldMinMax',
};

const OVERRIDE_METHODS: Readonly<Record<string, string>> = {
  byName: 'overrideByName',
  byRegexp: 'overrideByRegexp',
  byType: 'overrideByFieldType',
  byFrameRefID: 'overrideByQuery',
};

export interface PanelLayout {
  readonly gridPos: { x: number; y: number; w: number; h: number };
  /** Whether the dashboard builder's auto-layout would put the panel elsewhere. */
  readonly explicit: boolean;
}

export interface EmittedPanel {
  readonly expr: Expr;
  /** The kit factory used, if one fitted. */
  readonly factory?: string;
  /** Paths no builder method expresses, kept verbatim through withRaw. */
  readonly rawPaths: string[];
  /** Queries kept as JSON: `refId (type)`. */
  readonly rawQueries: string[];
}

interface Plan {
  readonly expr: Expr;
  readonly covered: Array<{ path: PathPart[]; call: Call }>;
  readonly factory?: string;
  readonly rawQueries: string[];
}

/** One panel as builder code, checked in process against the panel it came from. */
export function emitPanel(panel: Json, layout: PanelLayout, ctx: Omit<QueryContext, 'panelDatasource'>): EmittedPanel {
  const want = comparablePanel(withLayout(panel, layout));
  const plans = [kitBase(panel), sdkBase(panel)]
    .filter((b): b is { base: Expr; factory?: string; preset: string[] } => !!b)
    .map((b) => plan(b, panel, layout, want, ctx));
  const results = plans.flatMap((p) => {
    try {
      return [settle(p, panel, layout, want)];
    } catch (e) {
      // A factory whose settings cannot be undone falls back to the plain SDK builder.
      if (p === plans[plans.length - 1]) throw e;
      return [];
    }
  });
  // Prefer the house-style factory unless it needs more verbatim settings than the plain SDK builder.
  results.sort((a, b) => a.rawPaths.length - b.rawPaths.length);
  return results[0]!;
}

function withLayout(panel: Json, layout: PanelLayout): Json {
  const g = layout.gridPos;
  return { ...panel, gridPos: layout.explicit ? g : { h: g.h, w: g.w, x: 0, y: 0 } };
}

function kitBase(p: Json): { base: Expr; factory: string; preset: string[] } | undefined {
  const title = literal(p.title ?? '');
  const description = p.description ? [literal(p.description)] : [];
  const unit = p.fieldConfig?.defaults?.unit;
  const withUnit = (factory: string, u: unknown) =>
    typeof u === 'string' && u
      ? { base: fnCall(KIT, factory, [title, literal(u), ...description]), factory, preset: ['title', 'description'] }
      : undefined;
  const plain = (factory: string) => ({ base: fnCall(KIT, factory, [title, ...description]), factory, preset: ['title', 'description'] });
  switch (p.type) {
    case 'timeseries':
      return withUnit('timeseriesPanel', unit);
    case 'stat':
      return withUnit('statPanel', unit);
    case 'bargauge':
      return withUnit('barGaugePanel', unit);
    case 'heatmap':
      return withUnit('heatmapPanel', p.options?.yAxis?.unit ?? unit);
    case 'table':
      return plain('tablePanel');
    case 'nodeGraph':
      return plain('nodeGraphPanel');
    case 'traces':
      return plain('tracesPanel');
    case 'text':
      return typeof p.options?.content === 'string'
        ? { base: fnCall(KIT, 'textPanel', [title, literal(p.options.content)]), factory: 'textPanel', preset: ['title'] }
        : undefined;
  }
  return undefined;
}

function sdkBase(p: Json): { base: Expr; preset: string[] } {
  const module = panelModule(p.type);
  const calls = [call('title', literal(p.title ?? ''))];
  if (module) return { base: newBuilder(module, 'PanelBuilder', [], calls), preset: [] };
  return { base: newBuilder('dashboard', 'PanelBuilder', [], [call('type', literal(p.type)), ...calls]), preset: [] };
}

function moduleOfBase(base: Expr): string {
  return base.kind === 'new' && base.module !== 'dashboard' ? base.module : base.kind === 'fn' ? kitModule(base.name) : 'dashboard';
}

/** The SDK module behind each kit factory (whose builder the chained calls go to). */
function kitModule(factory: string): string {
  return (
    (
      {
        timeseriesPanel: 'timeseries',
        statPanel: 'stat',
        barGaugePanel: 'bargauge',
        heatmapPanel: 'heatmap',
        tablePanel: 'table',
        nodeGraphPanel: 'nodegraph',
        textPanel: 'text',
      } as Record<string, string>
    )[factory] ?? 'dashboard'
  );
}

function plan(
  b: { base: Expr; factory?: string; preset: string[] },
  p: Json,
  layout: PanelLayout,
  want: Json,
  ctx: Omit<QueryContext, 'panelDatasource'>,
): Plan {
  const module = moduleOfBase(b.base);
  const methods = builderMethods(module, 'PanelBuilder');
  const baseBuilt = comparablePanel(execute(b.base, runtime).build());
  const calls: Call[] = [];
  const covered: Array<{ path: PathPart[]; call: Call }> = [];
  const rawQueries: string[] = [];
  const add = (path: PathPart[], c: Call) => {
    calls.push(c);
    covered.push({ path, call: c });
  };
  const needed = (path: PathPart[]) => !deepEqual(getPath(baseBuilt, path), getPath(want, path));
  const viaMethod = (path: PathPart[], method: string, given: unknown) => {
    // The normalised value (defaults Grafana would apply included) when the panel leaves it out.
    const value = given ?? getPath(want, path);
    if (value === undefined || !needed(path)) return;
    const sig = methods.get(method);
    if (!sig || sig.params.length !== 1) return;
    const arg =
      method === 'thresholds'
        ? (kitThresholds(value) ?? valueFor(sig.params[0]!.type, value))
        : method === 'datasource'
          ? datasourceArg(value)
          : valueFor(sig.params[0]!.type, value);
    if (arg) add(path, call(method, arg));
  };

  if (typeof p.id === 'number') add(['id'], call('id', literal(p.id)));
  const g = layout.gridPos;
  if (layout.explicit) add(['gridPos'], call('gridPos', literal(g)));
  else {
    if (getPath(baseBuilt, ['gridPos', 'h']) !== g.h) add(['gridPos', 'h'], call('height', literal(g.h)));
    if (getPath(baseBuilt, ['gridPos', 'w']) !== g.w) add(['gridPos', 'w'], call('span', literal(g.w)));
  }
  for (const k of PANEL_MEMBERS) if (!b.preset.includes(k)) viaMethod([k], k, p[k]);

  const panelDatasource = p.datasource;
  for (const t of (p.targets as Json[] | undefined) ?? []) {
    const q = emitQuery(t, { ...ctx, panelDatasource });
    if (q.fallback) rawQueries.push(`${t.refId ?? '?'} (${q.fallback})`);
    add(['targets'], {
      ...call('withTarget', q.expr),
      comment: q.fallback ? `${q.fallback} query: no builder for it, kept as exported` : undefined,
    });
  }
  if (!p.targets?.length && (getPath(baseBuilt, ['targets']) as unknown[] | undefined)?.length)
    add(['targets'], call('targets', literal([])));
  for (const t of (p.transformations as Json[] | undefined) ?? [])
    add(['transformations'], call('withTransformation', literal(t, 'dashboard.DataTransformerConfig')));

  const defaults: Json = p.fieldConfig?.defaults ?? {};
  for (const [k, method] of Object.entries(FIELD_DEFAULTS)) viaMethod(['fieldConfig', 'defaults', k], method, defaults[k]);
  if (module === 'dashboard') {
    if (defaults.custom !== undefined) viaMethod(['fieldConfig', 'defaults', 'custom'], 'custom', defaults.custom);
    if (p.options !== undefined) viaMethod(['options'], 'options', p.options);
  } else {
    const customKeys = unionKeys(defaults.custom, getPath(want, ['fieldConfig', 'defaults', 'custom']));
    for (const k of customKeys) viaMethod(['fieldConfig', 'defaults', 'custom', k], k, defaults.custom?.[k]);
    for (const k of unionKeys(p.options, want.options)) {
      const v = p.options?.[k] ?? want.options?.[k];
      if (k === 'content' && b.factory === 'textPanel') continue;
      // The heatmap builder shows or hides its legend with argument-less methods.
      if (module === 'heatmap' && k === 'legend' && isObject(v) && Object.keys(v).join() === 'show') {
        if (needed(['options', 'legend'])) add(['options', 'legend'], call(v.show ? 'showLegend' : 'hideLegend'));
        continue;
      }
      viaMethod(['options', k], k, v);
    }
  }
  for (const o of (p.fieldConfig?.overrides as Json[] | undefined) ?? []) {
    const method = OVERRIDE_METHODS[o.matcher?.id];
    const c =
      method && typeof o.matcher.options === 'string'
        ? call(method, literal(o.matcher.options), literal(o.properties ?? []))
        : call('withOverride', literal(o, 'dashboard.FieldConfigSource["overrides"][number]'));
    add(['fieldConfig', 'overrides'], c);
  }
  const base = b.base as Extract<Expr, { kind: 'fn' | 'new' }>;
  return { expr: { ...base, calls: [...base.calls, ...calls] }, covered, factory: b.factory, rawQueries };
}

/** Absolute thresholds read best through the kit: `thresholds('green', [[80, 'red']])`. */
function kitThresholds(value: unknown): Expr | undefined {
  if (!isObject(value) || value.mode !== 'absolute' || !Array.isArray(value.steps) || value.steps.length === 0) return undefined;
  const [first, ...rest] = value.steps as Json[];
  if (first!.value !== null && first!.value !== undefined) return undefined;
  if (Object.keys(value).some((k) => k !== 'mode' && k !== 'steps')) return undefined;
  const steps = rest.map((s) => [s.value, s.color]);
  return fnCall(KIT, 'thresholds', steps.length ? [literal(first!.color), literal(steps)] : [literal(first!.color)]);
}

function datasourceArg(value: unknown): Expr {
  return deepEqual(value, { uid: '${datasource}' }) ? fnCall(KIT, 'datasourceVariableRef') : literal(value);
}

/** Runs the plan, drops calls that set something wrong and keeps what no method expresses verbatim. */
function settle(plan: Plan, panel: Json, layout: PanelLayout, want: Json): EmittedPanel {
  let expr = plan.expr as Extract<Expr, { kind: 'fn' | 'new' }>;
  const target = withLayout(panel, layout);
  const dropped = new Set<Call>();
  let patchPaths: PathPart[][] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const built = comparablePanel(execute(expr, runtime).build());
    const diffs = diffPaths(want, built);
    if (diffs.length === 0) break;
    const culprits = new Set<Call>();
    const uncovered: PathPart[][] = [];
    for (const d of diffs) {
      const owners = plan.covered.filter((c) => isPrefix(c.path, d) && !dropped.has(c.call));
      if (owners.length && !owners.some((o) => o.path[0] === 'targets')) owners.forEach((o) => culprits.add(o.call));
      else uncovered.push(d);
    }
    if (culprits.size === 0) {
      patchPaths = uncovered.map(patchPathOf);
      break;
    }
    for (const c of culprits) dropped.add(c);
    expr = { ...expr, calls: expr.calls.filter((c) => !dropped.has(c)) };
  }
  const patch: Json = {};
  const unique = [...new Map(patchPaths.map((p) => [formatPath(p), p])).values()];
  for (const path of unique) setPath(patch, path, structuredClone(getPath(target, path)));
  const result: Expr = unique.length ? fnCall(RAW, 'withRaw', [expr, literal(patch)]) : expr;
  const check = diffPaths(want, comparablePanel(execute(result, runtime).build()));
  if (check.length) throw new Error(`internal: ${panel.title ?? panel.id}: generated code differs at ${check.map(formatPath).join(', ')}`);
  return { expr: result, factory: plan.factory, rawPaths: unique.map(formatPath), rawQueries: plan.rawQueries };
}

function isPrefix(prefix: readonly PathPart[], path: readonly PathPart[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}

/** Patches replace arrays whole: the path up to the first array index. */
function patchPathOf(path: PathPart[]): PathPart[] {
  const i = path.findIndex((p) => typeof p === 'number');
  return i === -1 ? path : path.slice(0, i);
}

function unionKeys(a: unknown, b: unknown): string[] {
  return [...new Set([...Object.keys(isObject(a) ? a : {}), ...Object.keys(isObject(b) ? b : {})])];
}
