import { NUMERIC_PANEL_TYPES, UID_PATTERN, allPanels, hasUnit, normalizeDashboard, validateDashboard } from '@o11y/grafana-model';
import { findWorkspaceRoot } from '@o11y/artifacts';
import { formatProblem } from '@o11y/environment';
import { PROJECT_TAG } from '@o11y/grafana-kit';
import { compareDashboards, type Difference } from './compare.js';
import { bindDatasources, type DatasourceBinding, type DatasourceOptions } from './datasources.js';
import { camelCase, emitDashboard, type DatasourceParameter } from './emit-dashboard.js';
import { formatTypeScript } from './format.js';
import { normalizeGrafanaDashboard } from './grafana-normalize.js';
import { isObject, type Json } from './json.js';
import { ImportError, panelLabel, type PanelConversion } from './migrate/index.js';
import { checkThresholdSteps, dropEmptyTargets, repairLayout } from './repair.js';
import { typeErrors } from './typecheck.js';
import { GENERATED_BY, configTs, dashboardSpec, indexTs, rawTs, type ProjectNames } from './project-files.js';

export interface ImportOptions extends DatasourceOptions {
  /** Project name: the folder `dashboards/<name>` and the package `@o11y/dashboard-<name>`. */
  readonly name: string;
  /** Where the JSON came from (file or URL), for the generated header comment. */
  readonly source?: string;
  /** Where the project will be written: its files are type-checked there, in memory. Unset: not type-checked. */
  readonly projectDir?: string;
  /** The project folder relative to the workspace root, for the generated package.json and tsconfig.json. @default `dashboards/<name>` */
  readonly directory?: string;
  /** The workspace the generator reads its settings (prettier) from. @default the one above the current directory */
  readonly workspaceRoot?: string;
}

/** Something the importer changed on purpose, and why; it explains the round-trip differences it causes. */
export interface ImportChange {
  readonly what: string;
  readonly reason: string;
}

export interface ImportReport {
  readonly title: string;
  readonly uid: string;
  /** Old panel types converted the way Grafana converts them on load. */
  readonly conversions: readonly PanelConversion[];
  readonly datasources: readonly DatasourceBinding[];
  /** Datasource variables the generated dashboard function takes as parameters, with their defaults. */
  readonly parameters: readonly DatasourceParameter[];
  readonly changes: readonly ImportChange[];
  /** `panel 3 "Foo": options.bar`: settings no builder method expresses, kept verbatim. */
  readonly rawSettings: readonly string[];
  /** `panel 3 "Foo" query A (my-plugin)`: queries of types without a builder, kept as JSON. */
  readonly rawQueries: readonly string[];
  /** Panels built with a house-style factory of @o11y/grafana-kit. */
  readonly kitFactories: number;
  /** Round trip: the input against what the generated code builds, every difference with its explanation. */
  readonly differences: readonly Difference[];
  /** What the build (validation) or the TypeScript compiler rejects in the generated project, one line each. */
  readonly problems: readonly string[];
}

/** Whether the project can be written without --allow-problems: it builds, type-checks and round-trips with every difference explained. */
export const importSucceeded = (r: ImportReport): boolean => r.problems.length === 0 && r.differences.every((d) => d.explanation);

export interface ImportResult {
  /** Project files by path relative to the project folder: the dashboard generator's package.json, tsconfig.json and vitest.config.ts, and the emitted sources. */
  readonly files: Map<string, string>;
  readonly report: ImportReport;
}

/**
 * Turns a dashboard JSON model (an export, or an API response `{dashboard, meta}`) into a dashboard
 * project: formatted TypeScript on the foundation SDK and the kit, checked by building it in
 * process and comparing the result with the input.
 */
export async function importDashboard(json: unknown, options: ImportOptions): Promise<ImportResult> {
  checkIsDashboard(json);
  const { model, conversions, inputs } = normalizeGrafanaDashboard(json);
  checkThresholdSteps(model.panels);

  const changes: Array<ImportChange & { explains: (d: Difference) => boolean }> = [];
  changes.push(...repairLayout(model.panels), ...dropEmptyTargets(model.panels));
  const datasources = bindDatasources(model, inputs, options);
  for (const b of datasources) {
    changes.push({
      what: `data source "${b.reference}" (${b.pluginType}) -> $${b.variable}${b.added ? ' (variable added)' : ''}`,
      reason: 'a dashboard names no fixed data source; the environment picks one through the datasource variable',
      explains: (d) =>
        (d.path === `variable "${b.variable}"` && b.added) ||
        (/\.datasource(\.uid)?$/.test(d.path) && refersTo(d.expected, b.reference) && refersTo(d.actual, `\${${b.variable}}`)) ||
        // A reference through a variable carries no type: the variable's plugin type is the type.
        (d.path.endsWith('.datasource.type') && d.expected === b.pluginType && d.actual === undefined),
    });
  }
  for (const p of allPanels(model)) {
    if (!NUMERIC_PANEL_TYPES.has(p.type) || hasUnit(p)) continue;
    p.fieldConfig = { ...(p.fieldConfig ?? {}), defaults: { ...(p.fieldConfig?.defaults ?? {}), unit: 'none' } };
    p.fieldConfig.overrides ??= [];
    const label = `${p.type} "${p.title ?? ''}"`;
    changes.push({
      what: `${panelLabel(p)}: unit "none"`,
      reason: 'no unit was set, which Grafana shows as "none"; the build requires numeric panels to state their unit (pick the real one)',
      explains: (d) => d.path.endsWith(`${label}.fieldConfig.defaults.unit`) && d.expected === undefined && d.actual === 'none',
    });
  }
  const tags: string[] = Array.isArray(model.tags) ? model.tags : [];
  if (!tags.includes(PROJECT_TAG)) {
    model.tags = [...tags, PROJECT_TAG];
    changes.push({
      what: `tag "${PROJECT_TAG}" added`,
      reason: 'every dashboard this project builds carries it (related-dashboards links and validation rely on tags)',
      explains: (d) => d.path === 'tags' || d.path.startsWith('tags['),
    });
  }
  if (typeof model.uid !== 'string' || !UID_PATTERN.test(model.uid)) {
    const uid = options.name.replace(/[^a-zA-Z0-9_-]/g, '-').slice(0, 40);
    changes.push({
      what: `uid "${uid}"`,
      reason: `the input uid ${JSON.stringify(model.uid)} is missing or not a valid uid`,
      explains: (d) => d.path === 'uid',
    });
    model.uid = uid;
  }

  const functionName = `${camelCase(options.name)}Dashboard`;
  const header = `/** ${model.title ?? options.name}: imported${options.source ? ` from ${options.source}` : ''} by \`o11y import\`. */`;
  const emitted = emitDashboard(model, functionName, header);

  for (const p of emitted.parameters) {
    if (p.currentText === undefined) continue;
    changes.push({
      what: `variable "${p.variable}": current text ${JSON.stringify(p.currentText)} -> ${JSON.stringify(p.default.uid)}`,
      reason: `the pre-selected data source is the config's ${p.name}.uid; Grafana shows its name once it loads the dashboard`,
      explains: (d) => d.path === `variable "${p.variable}".current.text`,
    });
  }
  const differences = compareDashboards(json as Json, emitted.built);
  for (const d of differences) d.explanation = changes.find((c) => c.explains(d))?.reason;
  const problems = validateDashboard(normalizeDashboard(emitted.built), { file: options.source ?? 'input' }).map(formatProblem);

  const usesXRay = emitted.panelsSource.includes("'@o11y/xray-query'");
  const names: ProjectNames = {
    name: options.name,
    functionName,
    description: `${model.title ?? options.name} (imported dashboard${model.description ? `: ${model.description}` : ''}).`,
    usesXRay,
    parameters: emitted.parameters,
  };
  // The project around the code: what `nx g @o11y/nx-plugin:dashboard` writes, without its example sources.
  const { dashboardProjectFiles } = await import('@o11y/nx-plugin/generators');
  const files = await dashboardProjectFiles(options.workspaceRoot ?? findWorkspaceRoot(), {
    name: options.name,
    directory: options.directory,
    description: names.description,
    dependencies: usesXRay ? ['@o11y/xray-query'] : [],
    generatedBy: GENERATED_BY,
    sources: false,
  });
  files.set('src/dashboard.ts', await formatTypeScript(emitted.dashboardSource, 'src/dashboard.ts'));
  if (emitted.panels.length)
    files.set('src/panels.ts', await formatTypeScript(emitted.panelsSource.replace(/'\.\/raw\.js'/g, "'./raw.js'"), 'src/panels.ts'));
  if ([...files.values()].some((s) => s.includes("from './raw.js'")))
    files.set('src/raw.ts', await formatTypeScript(rawTs(), 'src/raw.ts'));
  if (emitted.parameters.length) files.set('src/config.ts', await formatTypeScript(configTs(names), 'src/config.ts'));
  files.set('src/index.ts', indexTs(names));
  const builtPanels = allPanels(normalizeGrafanaDashboard(emitted.built).model).map((p) => ({ type: p.type, title: p.title ?? '' }));
  files.set('src/dashboard.spec.ts', await formatTypeScript(dashboardSpec(names, builtPanels), 'src/dashboard.spec.ts'));
  if (options.projectDir) problems.push(...typeErrors(files, options.projectDir).map((e) => `generated ${e}`));

  const report: ImportReport = {
    title: model.title ?? '',
    uid: model.uid,
    conversions,
    datasources,
    parameters: emitted.parameters,
    changes: changes.map(({ what, reason }) => ({ what, reason })),
    rawSettings: emitted.panels.flatMap((p) => p.emitted.rawPaths.map((path) => `${p.label}: ${path}`)).concat(emitted.rawMembers),
    rawQueries: emitted.panels.flatMap((p) => p.emitted.rawQueries.map((q) => `${p.label} query ${q}`)),
    kitFactories: emitted.panels.filter((p) => p.emitted.factory).length,
    differences,
    problems,
  };
  return { files, report };
}

/** Refuses JSON that is not a dashboard model (or an API response holding one), naming what is missing. */
function checkIsDashboard(json: unknown): asserts json is Json {
  if (!isObject(json))
    throw new ImportError(
      `not a dashboard: the file holds ${Array.isArray(json) ? 'an array' : String(json === null ? 'null' : typeof json)}, not a JSON object`,
    );
  const d: Json = isObject(json.dashboard) && !json.panels ? json.dashboard : json;
  if (Array.isArray(d.rows) && d.rows.length > 0 && !(Array.isArray(d.panels) && d.panels.length > 0))
    throw new ImportError('dashboard uses "rows" (schema before Grafana 5); open and save it in Grafana 5+ first');
  if (!Array.isArray(d.panels))
    throw new ImportError('not a dashboard: no "panels" array (a dashboard JSON model has "title", "panels" and "templating")');
  for (const k of ['templating', 'annotations']) {
    if (d[k] === undefined) continue;
    if (!isObject(d[k]) || (d[k].list !== undefined && !Array.isArray(d[k].list)))
      throw new ImportError(`not a dashboard: "${k}.list" is not an array`);
  }
  const bad = (d.panels as unknown[]).findIndex((p) => !isObject(p));
  if (bad >= 0) throw new ImportError(`not a dashboard: panels[${bad}] is not an object`);
}

function refersTo(ref: unknown, uid: string): boolean {
  return ref === uid || (isObject(ref) && ref.uid === uid);
}

/** The conversion report as lines for a terminal. */
export function formatImportReport(r: ImportReport): string[] {
  const lines = [`imported "${r.title}" (uid ${r.uid})`];
  for (const c of r.conversions)
    lines.push(
      `  converted ${c.panel}: ${c.from} -> ${c.to}${c.rewritten?.length ? `; rewritten: ${c.rewritten.join(', ')}` : ''}${c.dropped.length ? `; not carried over: ${c.dropped.join(', ')}` : ''}`,
    );
  for (const c of r.changes) lines.push(`  changed ${c.what}: ${c.reason}`);
  for (const p of r.parameters)
    lines.push(`  parameter ${p.name}: the data source of $${p.variable}, default ${JSON.stringify(p.default)} (what the JSON used)`);
  for (const s of r.rawSettings) lines.push(`  kept verbatim ${s}`);
  for (const q of r.rawQueries) lines.push(`  kept as JSON ${q}`);
  const unexplained = r.differences.filter((d) => !d.explanation);
  lines.push(`  round trip: ${r.differences.length} difference${r.differences.length === 1 ? '' : 's'}, ${unexplained.length} unexplained`);
  for (const d of unexplained) lines.push(`    unexplained ${d.path}: ${JSON.stringify(d.expected)} -> ${JSON.stringify(d.actual)}`);
  for (const p of r.problems) lines.push(`  problem ${p}`);
  return lines;
}
