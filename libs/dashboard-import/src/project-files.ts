/** The scaffold of a generated dashboard project, shaped like dashboards/envoy. */

/** Marks a project as generated (package.json `o11y.generatedBy`): only such a folder may be replaced by a new import. */
export const GENERATED_BY = 'o11y import';
export interface ProjectNames {
  /** Folder and package suffix: `envoy` -> `@o11y/dashboard-envoy`. */
  readonly name: string;
  readonly functionName: string;
  readonly description: string;
  /** Path from the project to the workspace root, e.g. `../..`. */
  readonly rootPath: string;
  readonly usesXRay: boolean;
}

export function packageJson(n: ProjectNames): string {
  const dependencies: Record<string, string> = {
    '@grafana/grafana-foundation-sdk': '0.0.21',
    '@o11y/build': '*',
    '@o11y/environment': '*',
    '@o11y/grafana-kit': '*',
  };
  if (n.usesXRay) dependencies['@o11y/xray-query'] = '*';
  const pkg = {
    name: `@o11y/dashboard-${n.name}`,
    version: '0.0.0',
    private: true,
    description: n.description,
    type: 'module',
    exports: { '.': './src/index.ts', './package.json': './package.json' },
    nx: {
      name: `dashboard-${n.name}`,
      tags: ['type:dashboard'],
      targets: { build: { command: 'tsx src/build.ts', options: { cwd: '{projectRoot}' }, outputs: ['{projectRoot}/dist/dashboard'] } },
    },
    dependencies,
    o11y: { generatedBy: GENERATED_BY },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function tsconfigJson(n: ProjectNames): string {
  const libs = ['build', 'grafana-kit', 'environment', ...(n.usesXRay ? ['xray-query'] : [])];
  const config = {
    extends: `${n.rootPath}/tsconfig.base.json`,
    compilerOptions: { rootDir: 'src', outDir: 'dist/types', tsBuildInfoFile: 'dist/types/tsconfig.tsbuildinfo' },
    include: ['src/**/*.ts'],
    references: libs.map((l) => ({ path: `${n.rootPath}/libs/${l}` })),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

export const vitestConfig = (n: ProjectNames): string =>
  `import { projectTestConfig } from '${n.rootPath}/vitest.shared.js';\n\nexport default projectTestConfig(import.meta.dirname);\n`;

export const buildTs = (n: ProjectNames): string =>
  `import { writeDashboardArtifact } from '@o11y/build';\nimport { ${n.functionName} } from './dashboard.js';\n\nawait writeDashboardArtifact(() => ${n.functionName}());\n`;

export const indexTs = (n: ProjectNames): string => `export { ${n.functionName} } from './dashboard.js';\n`;

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
  return `import { describe, expect, it } from 'vitest';
import { normalizeDashboard, validateDashboard } from '@o11y/build';
import { ${n.functionName} } from './dashboard.js';

const model = () => normalizeDashboard(${n.functionName}().model) as any;

describe('${n.functionName}', () => {
  it('lists the imported rows and panels in order', () => {
    // given / when
    const d = model();

    // then
    const all = d.panels.flatMap((p: any) => [p, ...(p.panels ?? [])]);
    expect(all.map((p: any) => \`\${p.type}:\${p.title}\`)).toEqual(${JSON.stringify(
      panels.map((p) => `${p.type}:${p.title}`),
      null,
      2,
    )});
  });

  it('passes validation', () => {
    expect(validateDashboard(model(), { file: '${n.name}' })).toEqual([]);
  });
});
`;
}
