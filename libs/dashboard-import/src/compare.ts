import { walkPanels } from '@o11y/grafana-model';
import { comparablePanel } from './comparable.js';
import { normalizeGrafanaDashboard } from './grafana-normalize.js';
import { diffPaths, formatPath, getPath, type Json, type PathPart } from './json.js';

/** One semantic difference between two dashboards, after both were normalised the way Grafana loads them. */
export interface Difference {
  /** Where, with panels and variables named: `panel 3 "Downstream RPS".fieldConfig.defaults.unit`. */
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
  /** Why the difference is intended; undefined when nothing explains it. */
  explanation?: string;
}

/**
 * A dashboard as the comparison sees it: Grafana's load-time normalisation, plugin defaults filled,
 * panels (rows' nested panels after their row) and variables keyed by what names them.
 */
export function normalizeForComparison(input: Json): Json {
  const { model } = normalizeGrafanaDashboard(input);
  const panels: Json = {};
  const flat: Json[] = [];
  walkPanels(model, (p, { parent }) => flat.push(parent ? { ...p, __row: parent.title } : p));
  flat.forEach((p, i) => {
    const { panels: _nested, __row, ...rest } = p;
    const c = comparablePanel(rest);
    if (__row !== undefined) c.row = __row;
    panels[`${typeof c.id === 'number' ? c.id : `#${i + 1}`} ${c.type} "${c.title ?? ''}"`] = c;
  });
  const variables: Json = {};
  for (const v of model.templating.list as Json[]) variables[v.name] = v;
  const { panels: _p, templating: _t, ...rest } = model;
  return JSON.parse(JSON.stringify({ ...rest, variables, panels })) as Json;
}

/** Every semantic difference between `expected` and `actual` (dashboard JSON models), unexplained. */
export function compareDashboards(expected: Json, actual: Json): Difference[] {
  const a = normalizeForComparison(expected);
  const b = normalizeForComparison(actual);
  return diffPaths(a, b).map((path) => ({ path: describe(path), expected: getPath(a, path), actual: getPath(b, path) }));
}

function describe(path: PathPart[]): string {
  if (path[0] === 'panels' && path.length > 1) return `panel ${String(path[1])}${rest(path.slice(2))}`;
  if (path[0] === 'variables' && path.length > 1) return `variable "${String(path[1])}"${rest(path.slice(2))}`;
  return formatPath(path);
}

function rest(path: PathPart[]): string {
  return path.length ? `.${formatPath(path)}` : '';
}
