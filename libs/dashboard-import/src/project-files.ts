/** The sources of a generated dashboard project, shaped like dashboards/envoy (package.json and the rest: the nx-plugin's dashboard generator). */
import { renderLiteral } from './code.js';
import { configNames, type DatasourceParameter } from './emit-dashboard.js';

/** Marks a project as generated (package.json `o11y.generatedBy`): only such a folder may be replaced by a new import. */
export const GENERATED_BY = 'o11y import';
export interface ProjectNames {
  /** Folder and package suffix: `envoy` -> `@o11y/dashboard-envoy`. */
  readonly name: string;
  readonly functionName: string;
  readonly description: string;
  readonly usesXRay: boolean;
  /** Datasource variables the dashboard function takes as parameters (none: it takes no argument). */
  readonly parameters: readonly DatasourceParameter[];
}

export function indexTs(n: ProjectNames): string {
  const config = configNames(n.functionName);
  const lines = [`export { ${n.functionName} } from './dashboard.js';`];
  if (n.parameters.length) lines.push(`export { ${config.value}, type ${config.type} } from './config.js';`);
  return `${lines.join('\n')}\n`;
}

/** A data source reference as a doc comment shows it, the way the code writes it. */
const docRef = (r: { type: string; uid: string }): string => `{ type: '${r.type}', uid: '${r.uid}' }`;

/** Prometheus-compatible plugin types: a dashboard querying one can be placed on Amazon Managed Prometheus. */
const PROMETHEUS_TYPES = new Set(['prometheus', 'grafana-amazonprometheus-datasource']);

/** src/config.ts: what an environment sets when it places the dashboard, like a hand-written project's config. */
export function configTs(n: ProjectNames): string {
  const config = configNames(n.functionName);
  const members = n.parameters.map((p) => {
    const preselect = p.default.uid
      ? 'its uid (or name) pre-selects it'
      : 'its uid (or name) pre-selects it; the imported JSON pre-selected none, so Grafana picks the first of that type';
    return [
      `  /**`,
      `   * Data source of $${p.variable}: its plugin type fills the picker, ${preselect}.`,
      `   * @default ${docRef(p.default)}`,
      `   */`,
      `  readonly ${p.name}: DataSourceRef;`,
    ].join('\n');
  });
  const defaults = n.parameters.map((p) => `  ${p.name}: ${renderLiteral(p.default)},`);
  return `import type { DataSourceRef } from '@o11y/environment';

/** What an environment may set when it places this dashboard, e.g. \`${n.functionName}({ ${n.parameters[0]?.name ?? 'datasource'}: refOf(metrics) })\`. */
export interface ${config.type} {
${members.join('\n')}
}

/** What the imported JSON used. */
export const ${config.value}: ${config.type} = {
${defaults.join('\n')}
};
`;
}

export const rawTs = (): string => `import type { Builder } from '@grafana/grafana-foundation-sdk/cog';

type Json = Record<string, unknown>;

/** Settings no SDK builder method expresses, merged verbatim over what the builder builds (undefined removes a member). */
export function withRaw<T>(builder: Builder<T>, patch: Json): Builder<T> {
  return { build: () => merge(builder.build(), patch) as T };
}

/** A query of a type the importer has no builder for, kept exactly as exported. */
export function rawQuery(query: Json): Builder<any> {
  return { build: () => structuredClone(query) };
}

function merge(base: unknown, top: unknown): unknown {
  if (!isObject(base) || !isObject(top)) return top;
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(top)) {
    if (v === undefined) delete out[k];
    else out[k] = merge(base[k], v);
  }
  return out;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
`;

export function dashboardSpec(n: ProjectNames, panels: ReadonlyArray<{ type: string; title: string }>): string {
  const config = configNames(n.functionName);
  const parameterTests = n.parameters.map((p) => {
    const amp = PROMETHEUS_TYPES.has(p.default.type);
    const given = amp ? { type: 'grafana-amazonprometheus-datasource', uid: 'amp' } : { type: p.default.type, uid: 'another' };
    return `
  it('points $${p.variable} at the data source it is given${amp ? ' (Amazon Managed Prometheus here)' : ''}', () => {
    // given / when
    const d = normalizeDashboard(${n.functionName}({ ${p.name}: ${renderLiteral(given)} }).model) as any;

    // then
    expect(d.templating.list.find((v: any) => v.name === ${renderLiteral(p.variable)})).toMatchObject({
      type: 'datasource',
      query: ${renderLiteral(given.type)},
      current: { value: ${renderLiteral(given.uid)} },
    });
  });

  it('uses the data source of the imported JSON for $${p.variable} by default', () => {
    const d = model();
    const v = d.templating.list.find((x: any) => x.name === ${renderLiteral(p.variable)});
    expect(v.query).toBe(${config.value}.${p.name}.type);
    expect(v.current?.value ?? '').toBe(${config.value}.${p.name}.uid);
  });
`;
  });
  return `import { describe, expect, it } from 'vitest';
import { allPanels, normalizeDashboard, validateDashboard } from '@o11y/grafana-model';
${
  n.parameters.length
    ? `import { ${config.value} } from './config.js';
`
    : ''
}import { ${n.functionName} } from './dashboard.js';

const model = () => normalizeDashboard(${n.functionName}().model) as any;

describe('${n.functionName}', () => {
  it('lists the imported rows and panels in order', () => {
    // given / when
    const d = model();

    // then
    const all = allPanels(d);
    expect(all.map((p: any) => \`\${p.type}:\${p.title}\`)).toEqual(${JSON.stringify(
      panels.map((p) => `${p.type}:${p.title}`),
      null,
      2,
    )});
  });

  it('passes validation', () => {
    expect(validateDashboard(model(), { file: '${n.name}' })).toEqual([]);
  });
${parameterTests.join('')}});
`;
}
