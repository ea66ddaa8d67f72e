import { variableReference } from '@o11y/grafana-model';
import { isObject, withoutNulls, type Json } from './json.js';
import { migratePanel, type PanelConversion } from './migrate/index.js';

/** Fields Grafana manages per instance or export, and ones it no longer reads. */
const INSTANCE_FIELDS = ['id', 'version', 'iteration', '__inputs', '__requires', '__elements', 'gnetId', 'style', 'schemaVersion'];

/** Dashboard members whose value here means the same as leaving them out. */
const DASHBOARD_DEFAULTS: Json = { refresh: '', weekStart: '', liveNow: false, fiscalYearStartMonth: 0, editable: true, graphTooltip: 0 };

/** Variable members whose value here means the same as leaving them out (Grafana's and the SDK's defaults). */
const VARIABLE_DEFAULTS: Json = {
  skipUrlSync: false,
  hide: 0,
  regex: '',
  definition: '',
  tagValuesQuery: '',
  tagsQuery: '',
  useTags: false,
  multi: false,
  includeAll: false,
  allowCustomValue: true,
  auto: false,
  auto_min: '10s',
  auto_count: 30,
  label: '',
  queryValue: '',
  sort: 0,
  description: '',
};

/** Query members whose value here means the same as leaving them out. */
const TARGET_DEFAULTS: Json = { hide: false, interval: '', legendFormat: '', intervalFactor: 1, format: 'time_series' };

const BUILT_IN_ANNOTATION: Json = {
  builtIn: 1,
  datasource: { type: 'grafana', uid: '-- Grafana --' },
  enable: true,
  hide: true,
  iconColor: 'rgba(0, 211, 255, 1)',
  name: 'Annotations & Alerts',
  type: 'dashboard',
};

export interface NormalizedDashboard {
  readonly model: Json;
  readonly conversions: PanelConversion[];
  /** `__inputs` of an export ("DS_PROMETHEUS" -> plugin id), before they are removed. */
  readonly inputs: ReadonlyMap<string, string>;
}

/**
 * What Grafana does to a dashboard JSON when it loads it, as far as meaning goes: instance fields
 * removed, data source references as `{type, uid}` objects (variables as `${name}`), queries
 * inheriting the panel's data source, old panel types migrated, and values equal to their
 * defaults dropped. Run on the input before generating code and on both sides before comparing.
 */
export function normalizeGrafanaDashboard(input: Json): NormalizedDashboard {
  const source = isObject(input.dashboard) && !input.panels ? input.dashboard : input;
  const d: Json = structuredClone(source);
  const inputs = new Map<string, string>();
  for (const i of (d.__inputs as Json[] | undefined) ?? []) if (i.type === 'datasource') inputs.set(i.name, i.pluginId);
  for (const k of INSTANCE_FIELDS) delete d[k];
  // Grafana 5-9 exports often carry an empty pre-5 "rows" next to "panels"; it means nothing.
  if (Array.isArray(d.rows) && d.rows.length === 0) delete d.rows;
  if (d.refresh === false) d.refresh = '';
  dropDefaults(d, DASHBOARD_DEFAULTS);
  for (const k of ['links', 'tags']) if (Array.isArray(d[k]) && d[k].length === 0) delete d[k];
  if (Array.isArray(d.links)) d.links = d.links.map(normalizeLink);
  normalizeTimepicker(d);
  if (d.description === '') delete d.description;

  const conversions: PanelConversion[] = [];
  d.panels = ((d.panels as Json[] | undefined) ?? []).map((p) => {
    const panel = normalizePanel(p, conversions);
    if (panel.type === 'row') panel.panels = ((panel.panels as Json[] | undefined) ?? []).map((n) => normalizePanel(n, conversions));
    return panel;
  });
  d.templating = { list: ((d.templating?.list as Json[] | undefined) ?? []).map(normalizeVariable) };
  d.annotations = { list: normalizeAnnotations((d.annotations?.list as Json[] | undefined) ?? []) };
  return { model: d, conversions, inputs };
}

/** One panel as Grafana loads it (old types migrated, conversions recorded). */
export function normalizePanel(raw: Json, conversions: PanelConversion[] = []): Json {
  const { panel: migrated, conversion } = migratePanel(raw);
  if (conversion) conversions.push(conversion);
  const p: Json = structuredClone(migrated);

  for (const [k, v] of Object.entries(p)) if (v === null) delete p[k];
  if (p.transparent === false) delete p.transparent;
  if (!p.repeat) {
    delete p.repeat;
    delete p.repeatDirection;
    delete p.maxPerRow;
  }
  for (const k of ['links', 'transformations', 'targets']) if (Array.isArray(p[k]) && p[k].length === 0) delete p[k];
  if (Array.isArray(p.links)) p.links = p.links.map(normalizeLink);
  if (p.type === 'row') {
    // A row has no queries; Grafana keeps whatever data source it was saved with, and uses none.
    delete p.datasource;
    delete p.targets;
    if (p.collapsed === false && Array.isArray(p.panels) && p.panels.length === 0) delete p.panels;
    if (p.collapsed === false) delete p.collapsed;
    return p;
  }
  const ds = canonicalDatasource(p.datasource);
  if (ds) p.datasource = ds;
  else delete p.datasource;
  if (Array.isArray(p.targets)) p.targets = p.targets.map((t: Json) => normalizeTarget(t, p.datasource));
  normalizeLegend(p);
  if (isObject(p.fieldConfig)) {
    const defaults = p.fieldConfig.defaults ?? {};
    if (Array.isArray(defaults.links) && defaults.links.length === 0) delete defaults.links;
    if (Array.isArray(defaults.links)) defaults.links = defaults.links.map(normalizeLink);
    if (Array.isArray(defaults.mappings) && defaults.mappings.length === 0) delete defaults.mappings;
    p.fieldConfig = { defaults, overrides: p.fieldConfig.overrides ?? [] };
  }
  return p;
}

function normalizeTarget(raw: Json, panelDatasource: Json | undefined): Json {
  // A null member of a query model means unset (e.g. an X-Ray group's FilterExpression).
  const t = withoutNulls(raw) as Json;
  dropDefaults(t, TARGET_DEFAULTS);
  // Grafana (schema 36) gives queries without a data source the panel's.
  if (Array.isArray(t.filters) && t.filters.length === 0) delete t.filters;
  const ds = canonicalDatasource(t.datasource) ?? panelDatasource;
  if (ds) t.datasource = ds;
  else delete t.datasource;
  if (typeof t.expr === 'string' && t.queryType === undefined) {
    // A PromQL/LogQL query that is not instant is a range query.
    t.instant = t.instant === true;
    t.range = t.range ?? !t.instant;
  }
  return t;
}

/** Since Grafana 8.5 the legend is shown or hidden by `showLegend`; "hidden" as a display mode is migrated to it. */
function normalizeLegend(p: Json): void {
  const legend = p.options?.legend;
  if (!isObject(legend) || 'show' in legend) return;
  if (legend.showLegend === undefined) legend.showLegend = legend.displayMode !== 'hidden';
  if (legend.displayMode === 'hidden') {
    legend.displayMode = 'list';
    legend.showLegend = false;
  }
}

function normalizeVariable(raw: Json): Json {
  const v: Json = structuredClone(raw);
  for (const [k, x] of Object.entries(v)) if (x === null) delete v[k];
  dropDefaults(v, VARIABLE_DEFAULTS);
  if (v.datasource !== undefined) {
    const ds = canonicalDatasource(v.datasource);
    if (ds) v.datasource = ds;
    else delete v.datasource;
  }
  // Query results are fetched again on load (refresh 1 or 2), so saved options mean nothing.
  if (v.type === 'query' && (v.refresh === 1 || v.refresh === 2)) delete v.options;
  if (Array.isArray(v.options) && v.options.length === 0) delete v.options;
  // Data source variables list the instances on every load; `refresh` means nothing for them.
  if (v.type === 'datasource') delete v.refresh;
  if (isObject(v.current) && Object.keys(v.current).length === 0) delete v.current;
  if (isObject(v.current)) delete v.current.selected;
  return v;
}

function normalizeAnnotations(list: Json[]): Json[] {
  const out = list.map((a) => {
    const x: Json = structuredClone(a);
    const ds = canonicalDatasource(x.datasource);
    if (ds) x.datasource = ds;
    if (x.builtIn === 0) delete x.builtIn;
    if (x.placement === 'inControlsMenu') delete x.placement;
    if (x.builtIn === 1) {
      // Grafana rewrites the built-in query on load; only whether it is enabled and shown is the user's.
      return { ...BUILT_IN_ANNOTATION, enable: x.enable !== false, hide: x.hide !== false };
    }
    return x;
  });
  // Grafana adds the built-in "Annotations & Alerts" query when a dashboard has none.
  if (!out.some((a) => a.builtIn === 1)) out.unshift({ ...BUILT_IN_ANNOTATION });
  return out;
}

/** The variable a data source reference points at (`$ds`, `${ds}`, `[[ds]]`), if it is one. */
export const datasourceVariableName = variableReference;

/**
 * A data source reference as Grafana 8.3+ stores it: `{type, uid}`. Names (pre-8.3 strings) stay
 * as `{uid: name}`; a reference through a variable is `{uid: '${name}'}`, typed by the variable.
 */
export function canonicalDatasource(ref: unknown): Json | undefined {
  if (ref === null || ref === undefined || ref === '' || ref === 'default') return undefined;
  if (typeof ref === 'string') {
    if (ref === '-- Grafana --' || ref === 'grafana') return { type: 'grafana', uid: '-- Grafana --' };
    if (ref === '-- Mixed --') return { type: 'datasource', uid: '-- Mixed --' };
    if (ref === '-- Dashboard --') return { type: 'datasource', uid: '-- Dashboard --' };
    return canonicalDatasource({ uid: ref });
  }
  if (!isObject(ref)) return undefined;
  if (ref.uid === 'grafana' && (ref.type === 'datasource' || ref.type === 'grafana')) return { type: 'grafana', uid: '-- Grafana --' };
  const name = datasourceVariableName(ref.uid);
  if (name) return { uid: `\${${name}}` };
  const out: Json = {};
  if (ref.type) out.type = ref.type;
  if (ref.uid !== undefined) out.uid = ref.uid;
  return out;
}

function dropDefaults(o: Json, defaults: Json): void {
  for (const [k, v] of Object.entries(defaults)) if (JSON.stringify(o[k]) === JSON.stringify(v)) delete o[k];
}

/** Grafana's default refresh intervals, which a timepicker need not list. */
const DEFAULT_REFRESH_INTERVALS = ['5s', '10s', '30s', '1m', '5m', '15m', '30m', '1h', '2h', '1d'];

/** `time_options` is no longer read (Grafana 10 removed it); defaults are left out. */
function normalizeTimepicker(d: Json): void {
  if (!isObject(d.timepicker)) return;
  const t = d.timepicker;
  delete t.time_options;
  if (t.hidden === false) delete t.hidden;
  if (JSON.stringify(t.refresh_intervals) === JSON.stringify(DEFAULT_REFRESH_INTERVALS)) delete t.refresh_intervals;
  if (Object.keys(t).length === 0) delete d.timepicker;
}

/** Dashboard link members equal to Grafana's defaults are left out. */
function normalizeLink(raw: Json): Json {
  const l: Json = { ...raw };
  const defaults: Json = {
    type: 'link',
    placement: 'inControlsMenu',
    icon: '',
    tooltip: '',
    tags: [],
    asDropdown: false,
    targetBlank: false,
    includeVars: false,
    keepTime: false,
    url: '',
  };
  dropDefaults(l, defaults);
  return l;
}
