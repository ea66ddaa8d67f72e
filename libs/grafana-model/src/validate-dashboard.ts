import type { DashboardModel, DataSourceDefinition, Problem } from '@o11y/environment';
import { allPanels, walkPanels } from './panels.js';
import { promqlOfVariableQuery, promqlProblems } from './promql.js';
import { UID_PATTERN, UID_RULE } from './uid.js';
import { variableReference, variablesUsedIn } from './variables.js';

type Json = Record<string, any>;

/** Panel types Grafana removed or migrates away from (Angular, pre-8 visualisations). */
export const DEPRECATED_PANEL_TYPES: Readonly<Record<string, string>> = {
  graph: 'timeseries',
  'table-old': 'table',
  singlestat: 'stat',
  'grafana-singlestat-panel': 'stat',
  'grafana-piechart-panel': 'piechart',
  'grafana-worldmap-panel': 'geomap',
};

/** Panel types that show numbers and so need a unit. */
export const NUMERIC_PANEL_TYPES = new Set(['timeseries', 'stat', 'gauge', 'bargauge', 'barchart', 'histogram', 'trend', 'heatmap']);

/** Data source uids Grafana provides itself. */
const BUILT_IN_DATASOURCES = new Set(['grafana', '-- Grafana --', '-- Mixed --', '-- Dashboard --', '__expr__']);

/** Plugin types whose queries are PromQL. */
const PROMQL_TYPES = new Set(['prometheus', 'grafana-amazonprometheus-datasource']);

export interface DashboardValidationContext {
  /** Source file, relative to the workspace root. */
  readonly file: string;
  /** The environment's data sources; undefined validates references by form only. */
  readonly datasources?: readonly DataSourceDefinition[];
}

/** Every problem of one dashboard: uid, layout, panel types, units, data source references, PromQL. */
export function validateDashboard(model: DashboardModel, ctx: DashboardValidationContext): Problem[] {
  const d = model as Json;
  const resource = `dashboard ${d.uid ?? '(no uid)'}`;
  const problems: Problem[] = [];
  const report = (field: string | undefined, message: string) => problems.push({ file: ctx.file, resource, field, message });

  if (typeof d.uid !== 'string' || !UID_PATTERN.test(d.uid)) report('uid', UID_RULE);
  if (typeof d.title !== 'string' || d.title.trim() === '') report('title', 'title is empty');
  if (!Array.isArray(d.tags) || d.tags.length === 0) report('tags', 'dashboard has no tags');

  const variables = new Map<string, Json>();
  for (const v of (d.templating?.list as Json[] | undefined) ?? []) variables.set(v.name, v);
  const refs = new DatasourceResolver(variables, ctx.datasources);

  for (const v of variables.values()) {
    const field = `variable "${v.name}"`;
    if (v.type === 'datasource') {
      for (const m of refs.checkDatasourceVariable(v)) report(field, m);
    } else if (v.type === 'query') {
      const r = refs.resolve(v.datasource);
      if (r.problem) report(field, r.problem);
      const query = typeof v.query === 'string' ? v.query : v.query?.query;
      const expr = typeof query === 'string' && r.type && PROMQL_TYPES.has(r.type) ? promqlOfVariableQuery(query) : undefined;
      if (expr) for (const m of promqlProblems(expr)) report(field, m);
    }
  }

  const checkVariables = (field: string, where: string, value: unknown) => {
    for (const [path, text] of stringsIn(value, where))
      for (const name of variablesUsedIn(text))
        if (!variables.has(name)) report(field, `template variable $${name} is used (${path}) but not defined`);
  };
  for (const v of variables.values()) {
    const field = `variable "${v.name}"`;
    checkVariables(field, 'query', v.type === 'query' ? v.query : undefined);
    checkVariables(field, 'definition', v.definition);
  }
  for (const [i, l] of ((d.links as Json[] | undefined) ?? []).entries())
    checkVariables('links', `links[${i}]`, { url: l.url, title: l.title });
  checkVariables('title', 'title', d.title);

  // Panels share a grid with their siblings: the top level, or one row's panels.
  const grids = new Map<Json | undefined, Json[]>();
  walkPanels(d, (p, { parent }) => {
    if (parent === undefined || parent.type === 'row') grids.set(parent, [...(grids.get(parent) ?? []), p]);
  });
  for (const panels of grids.values()) checkLayout(panels, (title, m) => report(title, m));

  for (const p of allPanels(d) as Json[]) {
    const field = `panel "${p.title ?? p.id ?? '?'}"`;
    checkVariables(field, 'title', p.title);
    checkVariables(
      field,
      'links',
      (p.links as Json[] | undefined)?.map((l) => ({ url: l.url, title: l.title })),
    );
    checkVariables(
      field,
      'field links',
      (p.fieldConfig?.defaults?.links as Json[] | undefined)?.map((l) => ({ url: l.url, title: l.title })),
    );
    if (p.type === 'row') continue;
    for (const t of (p.targets as Json[] | undefined) ?? []) {
      const { datasource: _ds, refId: _r, ...query } = t;
      checkVariables(field, `query ${t.refId}`, query);
    }
    // Tables saved before Grafana 7 carry `styles`; Grafana migrates them to the current table on load.
    const replacement = DEPRECATED_PANEL_TYPES[p.type] ?? (p.type === 'table' && Array.isArray(p.styles) ? 'table' : undefined);
    if (replacement) {
      const kind = p.type === 'table' ? 'Angular table (with "styles")' : `panel type "${p.type}"`;
      const hint = ctx.file.endsWith('.json') ? '; `o11y import` migrates it' : '';
      report(field, `${kind} is deprecated; use "${replacement}"${hint}`);
    }
    if (p.type === 'heatmap' && ('dataFormat' in p || 'heatmap' in p))
      report(field, 'legacy heatmap options (dataFormat); rebuild it as a current heatmap panel');
    if (NUMERIC_PANEL_TYPES.has(p.type) && !hasUnit(p)) report(field, 'numeric panel has no unit (fieldConfig.defaults.unit)');

    const targets = (p.targets as Json[] | undefined) ?? [];
    const panelRef = refs.resolve(p.datasource, targets.length > 0);
    if (panelRef.problem) report(field, panelRef.problem);
    const refIds = new Set<string>();
    for (const t of targets) {
      if (refIds.has(t.refId)) report(field, `duplicate query refId "${t.refId}"`);
      refIds.add(t.refId);
      const r = t.datasource ? refs.resolve(t.datasource) : panelRef;
      if (t.datasource && r.problem) report(`${field} query ${t.refId}`, r.problem);
      const type = r.type ?? t.datasource?.type;
      if (typeof t.expr === 'string' && type && PROMQL_TYPES.has(type)) {
        for (const m of promqlProblems(t.expr)) report(`${field} query ${t.refId}`, m);
      }
    }
  }
  return problems;
}

/** Every string inside a JSON value with where it is (`query A.expr`). */
function stringsIn(value: unknown, path: string): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsIn(v, `${path}.${k}`));
  return [];
}

/** Whether a panel states its unit (a heatmap's is on its y axis). */
export function hasUnit(p: Json): boolean {
  const unit = p.fieldConfig?.defaults?.unit ?? (p.type === 'heatmap' ? p.options?.yAxis?.unit : undefined);
  return typeof unit === 'string' && unit !== '';
}

/** Grid sanity: inside 24 columns, positive sizes, no two panels on the same cells. */
function checkLayout(panels: Json[], report: (field: string, message: string) => void): void {
  const placed: Array<{ title: string; x: number; y: number; w: number; h: number }> = [];
  for (const p of panels) {
    const title = `panel "${p.title ?? p.id ?? '?'}"`;
    const g = p.gridPos;
    if (!g || [g.x, g.y, g.w, g.h].some((n) => typeof n !== 'number')) {
      report(title, 'panel has no gridPos');
      continue;
    }
    if (g.w < 1 || g.h < 1 || g.x < 0 || g.y < 0 || g.x + g.w > 24)
      report(title, `gridPos ${JSON.stringify(g)} is outside the 24-column grid`);
    for (const o of placed) {
      if (g.x < o.x + o.w && o.x < g.x + g.w && g.y < o.y + o.h && o.y < g.y + g.h) {
        report(title, `overlaps ${o.title} on the grid`);
      }
    }
    placed.push({ title, x: g.x, y: g.y, w: g.w, h: g.h });
  }
}

interface Resolution {
  readonly type?: string;
  readonly problem?: string;
}

/** Resolves `{type, uid}` references against the dashboard's variables and the environment's data sources. */
class DatasourceResolver {
  constructor(
    private readonly variables: ReadonlyMap<string, Json>,
    private readonly datasources: readonly DataSourceDefinition[] | undefined,
  ) {}

  resolve(ref: unknown, required = false): Resolution {
    if (ref === undefined || ref === null) {
      return required ? { problem: 'no data source: the panel would silently use the Grafana default' } : {};
    }
    if (typeof ref === 'string') {
      if (BUILT_IN_DATASOURCES.has(ref)) return { type: ref };
      if (variableReference(ref)) return this.viaVariable(variableReference(ref)!);
      return { problem: `data source referenced by name "${ref}"; use the dashboard's datasource variable` };
    }
    const { uid, type } = ref as { uid?: string; type?: string };
    if (typeof uid !== 'string' || uid === '') return type ? { type } : { problem: 'data source reference has no uid' };
    if (BUILT_IN_DATASOURCES.has(uid) || BUILT_IN_DATASOURCES.has(type ?? '')) return { type: type ?? uid };
    const name = variableReference(uid);
    if (name) return this.viaVariable(name);
    if (!this.datasources) return { type };
    const ds = this.datasources.find((x) => x.uid === uid);
    if (!ds) return { problem: `data source uid "${uid}" is not defined in this environment` };
    if (type && type !== ds.type) return { problem: `data source "${uid}" is a ${ds.type}, not a ${type}` };
    return { type: ds.type };
  }

  checkDatasourceVariable(v: Json): string[] {
    const type = typeof v.query === 'string' ? v.query : undefined;
    if (!type) return ['datasource variable has no plugin type (query)'];
    if (!this.datasources) return [];
    const candidates = this.datasources.filter((d) => d.type === type);
    if (candidates.length === 0) return [`no data source of type "${type}" in this environment`];
    const current = v.current?.value;
    if (
      typeof current === 'string' &&
      current !== '' &&
      !variableReference(current) &&
      !candidates.some((d) => d.uid === current || d.name === current)
    ) {
      return [`pre-selected data source "${current}" is not a ${type} data source of this environment`];
    }
    return [];
  }

  private viaVariable(name: string): Resolution {
    const v = this.variables.get(name);
    if (!v) return { problem: `data source variable $${name} is not defined` };
    if (v.type !== 'datasource') return { problem: `$${name} is a ${v.type} variable, not a datasource variable` };
    return { type: typeof v.query === 'string' ? v.query : undefined };
  }
}
