import { call, execute, fnCall, Imports, literal, newBuilder, ref, render, type Call, type Expr } from './code.js';
import { emitObject } from './emit-object.js';
import { emitPanel, type EmittedPanel, type PanelLayout } from './emit-panel.js';
import { normalizeGrafanaDashboard, normalizePanel } from './grafana-normalize.js';
import { deepEqual, type Json } from './json.js';
import { KIT, RAW, runtime, sdkModuleSpecifier } from './sdk.js';

export interface EmittedDashboard {
  /** src/panels.ts and src/dashboard.ts, unformatted. */
  readonly panelsSource: string;
  readonly dashboardSource: string;
  /** What the generated code builds, run in process. */
  readonly built: Json;
  readonly panels: ReadonlyArray<{ readonly label: string; readonly factory: string; readonly emitted: EmittedPanel }>;
  /** Dashboard-level members kept through withRaw. */
  readonly rawMembers: string[];
  /** Datasource variables the dashboard function takes as parameters, in the order of the variables. */
  readonly parameters: DatasourceParameter[];
}

/** A datasource variable set by a dashboard parameter: `fooDashboard({ datasource: { type, uid } })`. */
export interface DatasourceParameter {
  /** Member of the generated config: `datasource`, `datasourceLoki`. */
  readonly name: string;
  readonly variable: string;
  /** What the imported JSON had: the plugin type and the pre-selected data source ('' for none). */
  readonly default: { readonly type: string; readonly uid: string };
  /** The input's pre-selection showed a different text than its value; the kit shows the value. */
  readonly currentText?: string;
}

/** Names of the generated config: `FooConfig`, `defaultFooConfig`. */
export const configNames = (functionName: string) => {
  const base = functionName.replace(/Dashboard$/, '');
  const pascal = base[0]!.toUpperCase() + base.slice(1);
  return { type: `${pascal}Config`, value: `default${pascal}Config` };
};

const VARIABLE_BUILDERS: Readonly<Record<string, { className: string; aliases: Record<string, string> }>> = {
  query: { className: 'QueryVariableBuilder', aliases: {} },
  datasource: { className: 'DatasourceVariableBuilder', aliases: { query: 'type' } },
  custom: { className: 'CustomVariableBuilder', aliases: { query: 'values' } },
  constant: { className: 'ConstantVariableBuilder', aliases: { query: 'value' } },
  interval: { className: 'IntervalVariableBuilder', aliases: { query: 'values', auto_min: 'minInterval', auto_count: 'stepCount' } },
  textbox: { className: 'TextBoxVariableBuilder', aliases: { query: 'defaultValue' } },
  adhoc: { className: 'AdHocVariableBuilder', aliases: {} },
};

/** Dashboard members set through a builder method of the same name (after title, uid and tags). */
const DASHBOARD_MEMBERS = [
  'description',
  'timezone',
  'time',
  'refresh',
  'timepicker',
  'fiscalYearStartMonth',
  'liveNow',
  'weekStart',
  'graphTooltip',
];

export function emitDashboard(model: Json, functionName: string, header: string): EmittedDashboard {
  const variableTypes = new Map<string, string>(
    (model.templating.list as Json[]).filter((v) => v.type === 'datasource' && typeof v.query === 'string').map((v) => [v.name, v.query]),
  );
  const ctx = { variableTypes };
  const dashboardCalls: Call[] = [];
  const rawMembers: string[] = [];
  const parameters: DatasourceParameter[] = [];
  const parameterNames = new Set<string>();

  dashboardCalls.push(call('uid', literal(model.uid)));
  if (Array.isArray(model.tags)) dashboardCalls.push(call('tags', literal(model.tags)));
  const base = newBuilder('dashboard', 'DashboardBuilder', [literal(model.title ?? '')], dashboardCalls);
  const scalarDefaults = normalizeGrafanaDashboard(execute(base, runtime).build()).model;
  for (const k of DASHBOARD_MEMBERS) {
    const v = model[k];
    if (deepEqual(v, scalarDefaults[k])) continue;
    if (k === 'graphTooltip')
      dashboardCalls.push(
        call('tooltip', {
          kind: 'enum',
          module: 'dashboard',
          enumName: 'DashboardCursorSync',
          member: ['Off', 'Crosshair', 'Tooltip'][v ?? 0]!,
          value: v ?? 0,
        }),
      );
    else if (k === 'timepicker') {
      const tp = emitObject(newBuilder('dashboard', 'TimePickerBuilder'), v ?? {}, {
        module: 'dashboard',
        className: 'TimePickerBuilder',
        normalize: (x) => x,
      });
      dashboardCalls.push(call('timepicker', tp));
    } else if (k === 'time') dashboardCalls.push(call('time', literal(v)));
    else if (v !== undefined) dashboardCalls.push(call(k, literal(v)));
  }
  for (const link of (model.links as Json[] | undefined) ?? []) {
    dashboardCalls.push(
      call(
        'link',
        emitObject(newBuilder('dashboard', 'DashboardLinkBuilder', [literal(link.title ?? '')]), link, {
          module: 'dashboard',
          className: 'DashboardLinkBuilder',
          skip: ['title'],
          normalize: (x) => normalizeLink(x),
        }),
      ),
    );
  }
  for (const v of model.templating.list as Json[]) {
    const name = v.type === 'datasource' ? uniqueName(camelCase(v.name), parameterNames) : '';
    const parameterized = name ? emitDatasourceParameter(v, name) : undefined;
    if (parameterized) parameters.push(parameterized.parameter);
    else if (name) parameterNames.delete(name);
    dashboardCalls.push(call('withVariable', parameterized?.expr ?? emitVariable(v)));
  }
  for (const a of model.annotations.list as Json[]) {
    if (deepEqual(a, normalizeGrafanaDashboard({ annotations: { list: [] } }).model.annotations.list[0])) continue;
    const base = newBuilder('dashboard', 'AnnotationQueryBuilder');
    dashboardCalls.push(
      call('annotation', emitObject(base, a, { module: 'dashboard', className: 'AnnotationQueryBuilder', normalize: normalizeAnnotation })),
    );
  }

  const panels: Array<{ label: string; factory: string; emitted: EmittedPanel }> = [];
  const names = new Set<string>();
  const layouts = planLayout(model.panels as Json[]);
  const panelRef = (p: Json): Expr => {
    const emitted = emitPanel(p, layouts.get(p)!, ctx);
    const factory = uniqueName(camelCase(p.title || `${p.type} panel`), names);
    panels.push({ label: `panel ${p.id ?? '?'} "${p.title ?? ''}"`, factory, emitted });
    return { kind: 'ref', code: `panel.${factory}()`, target: emitted.expr };
  };
  for (const p of model.panels as Json[]) {
    if (p.type === 'row') {
      const rowCalls: Call[] = [];
      if (typeof p.id === 'number') rowCalls.push(call('id', literal(p.id)));
      if (p.collapsed) rowCalls.push(call('collapsed', literal(true)));
      if (p.repeat) rowCalls.push(call('repeat', literal(p.repeat)));
      if (layouts.get(p)!.explicit) rowCalls.push(call('gridPos', literal(p.gridPos)));
      const row = newBuilder('dashboard', 'RowBuilder', [literal(p.title ?? '')], rowCalls);
      // Row settings RowBuilder has no method for (showTitle, titleSize...) are kept verbatim.
      const rowPatch = patchFor(
        withoutPanels(p),
        withoutPanels(normalizePanel(JSON.parse(JSON.stringify(execute(row, runtime).build())))),
        ['gridPos'],
      );
      for (const n of (p.panels as Json[] | undefined) ?? []) rowCalls.push(call('withPanel', panelRef(n)));
      if (rowPatch) rawMembers.push(...Object.keys(rowPatch).map((k) => `row "${p.title ?? ''}": ${k}`));
      dashboardCalls.push({ ...call('withRow', rowPatch ? fnCall(RAW, 'withRaw', [row, literal(rowPatch)]) : row), comment: undefined });
    } else {
      dashboardCalls.push(call('withPanel', panelRef(p)));
    }
  }

  // Dashboard settings no builder method sets (hideControls, Grafana's default timezone...) are kept verbatim.
  const dashboardPatch = patchFor(model, normalizeGrafanaDashboard(JSON.parse(JSON.stringify(execute(base, runtime).build()))).model, [
    'panels',
    'templating',
    'annotations',
  ]);
  if (dashboardPatch) rawMembers.push(...Object.keys(dashboardPatch).map((k) => `dashboard: ${k}`));
  const dashboard = dashboardPatch ? fnCall(RAW, 'withRaw', [base, literal(dashboardPatch)]) : base;
  const dashboardExpr = fnCall('@o11y/environment', 'defineDashboard', [
    { kind: 'ref', code: 'import.meta.url', target: literal('file:///generated/src/dashboard.ts') },
    dashboard,
  ]);
  const built = execute(dashboard, runtime).build() as Json;

  const dashboardImports = new Imports(sdkModuleSpecifier);
  const body = render(dashboardExpr, dashboardImports, '  ');
  dashboardImports.type('@o11y/environment', 'DashboardDefinition');
  const usesPanels = panels.length > 0;
  const config = configNames(functionName);
  const dashboardSource = [
    dashboardImports.render().replace(`from '${RAW}'`, "from './raw.js'"),
    parameters.length ? `import { ${config.value}, type ${config.type} } from './config.js';` : '',
    usesPanels ? "import * as panel from './panels.js';" : '',
    '',
    header,
    ...(parameters.length
      ? [
          `export function ${functionName}(overrides: Partial<${config.type}> = {}): DashboardDefinition {`,
          `  const c: ${config.type} = { ...${config.value}, ...overrides };`,
        ]
      : [`export function ${functionName}(): DashboardDefinition {`]),
    `  return ${body};`,
    '}',
    '',
  ].join('\n');

  const panelImports = new Imports(sdkModuleSpecifier);
  const factories = panels.map(({ label, factory, emitted }) => {
    const notes = [
      emitted.rawPaths.length ? `kept verbatim (no builder method): ${emitted.rawPaths.join(', ')}` : '',
      emitted.rawQueries.length ? `queries kept as JSON: ${emitted.rawQueries.join(', ')}` : '',
    ].filter(Boolean);
    const doc = `/** ${label}${notes.length ? `; ${notes.join('; ')}` : ''}. */`;
    return `${doc}\nexport const ${factory} = () =>\n  ${render(emitted.expr, panelImports, '  ')};`;
  });
  const panelsSource = `${panelImports.render()}\n\n${factories.join('\n\n')}\n`;
  return { panelsSource, dashboardSource, built: JSON.parse(JSON.stringify(built)), panels, rawMembers, parameters };
}

/** Top-level members where `want` and `built` differ, as a withRaw patch (undefined removes one), or undefined when none do. */
function patchFor(want: Json, built: Json, ignore: readonly string[]): Json | undefined {
  const patch: Json = {};
  for (const k of new Set([...Object.keys(want), ...Object.keys(built)]))
    if (!ignore.includes(k) && !deepEqual(want[k], built[k])) patch[k] = want[k];
  return Object.keys(patch).length ? patch : undefined;
}

function withoutPanels(row: Json): Json {
  const { panels: _panels, ...rest } = row;
  return rest;
}

function emitVariable(v: Json): Expr {
  const spec = VARIABLE_BUILDERS[v.type];
  const normalize = (x: Json) => normalizeGrafanaDashboard({ templating: { list: [x] } }).model.templating.list[0];
  if (v.type === 'datasource' && isKitDatasourceVariable(v)) {
    const options: Json = {};
    if (v.name !== 'datasource') options.name = v.name;
    if (v.label !== undefined && v.label !== 'Data source') options.label = v.label;
    if (v.current?.value) options.current = v.current.value;
    const args = [literal(v.query), ...(Object.keys(options).length ? [literal(options)] : [])];
    const expr = fnCall(KIT, 'datasourceVariable', args);
    if (deepEqual(normalize(execute(expr, runtime).build()), normalize(v))) return expr;
  }
  if (!spec) return fnCall(RAW, 'withRaw', [newBuilder('dashboard', 'QueryVariableBuilder', [literal(v.name)]), literal(v)]);
  const base = newBuilder('dashboard', spec.className, [literal(v.name)]);
  return emitObject(base, v, { module: 'dashboard', className: spec.className, aliases: spec.aliases, skip: ['name', 'type'], normalize });
}

/**
 * A datasource variable whose plugin type and pre-selection come from the dashboard's config
 * (`c.datasource.type`, `c.datasource.uid`), so an environment can point it at its own data source;
 * the config's default is what the JSON had. Undefined when the variable cannot be expressed that way.
 */
function emitDatasourceParameter(v: Json, name: string): { expr: Expr; parameter: DatasourceParameter } | undefined {
  if (typeof v.query !== 'string' || v.query === '') return undefined;
  const current = v.current?.value;
  if (v.current !== undefined && (typeof current !== 'string' || current === '' || Array.isArray(v.current.text))) return undefined;
  const uid = current ?? '';
  const options: Array<readonly [string, Expr]> = [];
  if (v.name !== 'datasource') options.push(['name', literal(v.name)]);
  if (v.label !== 'Data source') options.push(['label', literal(v.label ?? '')]);
  options.push(['current', ref(`c.${name}.uid`, uid)]);
  const base = fnCall(KIT, 'datasourceVariable', [ref(`c.${name}.type`, v.query), { kind: 'object', members: options }]);
  const normalize = (x: Json) => normalizeGrafanaDashboard({ templating: { list: [x] } }).model.templating.list[0];
  const want = normalize(v);
  const built = normalize(execute(base, runtime).build());
  // Members the kit does not set (hide, regex...) kept verbatim; the type and the pre-selection come from the config.
  const patch: Json = {};
  for (const k of new Set([...Object.keys(want), ...Object.keys(built)]))
    if (k !== 'query' && k !== 'current' && !deepEqual(want[k], built[k])) patch[k] = v[k];
  const expr = Object.keys(patch).length ? fnCall(RAW, 'withRaw', [base, literal(patch)]) : base;
  const check = normalize(execute(expr, runtime).build());
  if (!deepEqual({ ...check, current: undefined }, { ...want, current: undefined }) || check.current?.value !== want.current?.value)
    return undefined;
  const text = v.current?.text;
  return {
    expr,
    parameter: {
      name,
      variable: v.name,
      default: { type: v.query, uid },
      currentText: text !== undefined && text !== uid ? String(text) : undefined,
    },
  };
}

function isKitDatasourceVariable(v: Json): boolean {
  const keys = Object.keys(v).filter((k) => !['type', 'name', 'label', 'query', 'current'].includes(k));
  return keys.length === 0 && typeof v.query === 'string' && (!v.current || v.current.text === v.current.value);
}

function normalizeLink(x: Json): Json {
  return normalizeGrafanaDashboard({ links: [x] }).model.links?.[0] ?? {};
}

function normalizeAnnotation(x: Json): Json {
  return normalizeGrafanaDashboard({ annotations: { list: [x] } }).model.annotations.list.find((a: Json) => a.builtIn !== 1) ?? {};
}

/**
 * Where the SDK's DashboardBuilder would put each panel (it fills rows left to right and starts
 * a new line after 24 columns); panels it would put elsewhere keep an explicit gridPos.
 */
export function planLayout(panels: readonly Json[]): Map<Json, PanelLayout> {
  const out = new Map<Json, PanelLayout>();
  let x = 0;
  let y = 0;
  let lastHeight = 0;
  const place = (p: Json) => {
    const g = p.gridPos ?? { x: 0, y: 0, w: 12, h: 9 };
    out.set(p, { gridPos: { x: g.x, y: g.y, w: g.w, h: g.h }, explicit: g.x !== x || g.y !== y });
    x += g.w;
    lastHeight = Math.max(lastHeight, g.h);
    if (x >= 24) {
      x = 0;
      y += lastHeight;
      lastHeight = 0;
    }
  };
  for (const p of panels) {
    if (p.type !== 'row') {
      place(p);
      continue;
    }
    const g = p.gridPos ?? { x: 0, y: 0, w: 24, h: 1 };
    const autoY = y + lastHeight;
    const explicit = !(g.x === 0 && g.y === autoY && g.w === 24 && g.h === 1) && !(g.x === 0 && g.y === 0);
    out.set(p, { gridPos: { x: g.x, y: g.y, w: g.w, h: g.h }, explicit });
    x = 0;
    y = (explicit ? g.y : autoY) + 1;
    lastHeight = 0;
    for (const n of (p.panels as Json[] | undefined) ?? []) place(n);
  }
  return out;
}

export function camelCase(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const name = words.map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : w[0]!.toUpperCase() + w.slice(1))).join('');
  const safe = /^[A-Za-z_]/.test(name) ? name : `panel${name}`;
  return RESERVED.has(safe) ? `${safe}Panel` : safe || 'panel';
}

const RESERVED = new Set([
  'default',
  'delete',
  'new',
  'function',
  'class',
  'return',
  'switch',
  'case',
  'import',
  'export',
  'const',
  'let',
  'var',
  'in',
  'of',
  'panel',
  'this',
  'with',
  'while',
  'for',
  'if',
  'else',
  'do',
  'try',
  'catch',
  'finally',
  'throw',
  'typeof',
  'void',
  'yield',
  'await',
  'enum',
  'super',
  'null',
  'true',
  'false',
]);

function uniqueName(name: string, taken: Set<string>): string {
  let n = name;
  for (let i = 2; taken.has(n); i++) n = `${name}${i}`;
  taken.add(n);
  return n;
}
