import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { normalizeDashboard, validateDashboard } from '@o11y/grafana-model';
import type { DashboardDefinition } from '@o11y/environment';
import { compareDashboards, importDashboard, type Difference } from './index.js';

const workspace = join(import.meta.dirname, '..', '..', '..');
const fixtures = join(import.meta.dirname, '..', 'test', 'fixtures');
/** Inside the workspace, so the generated code's @o11y/* and SDK imports resolve through node_modules. */
const outDir = join(workspace, 'dist', 'import-roundtrip');

const readFixture = (file: string) => JSON.parse(readFileSync(join(fixtures, file), 'utf8'));

/** Imports a fixture into dist/import-roundtrip/<name>, then loads and builds the generated TypeScript. */
async function roundTrip(file: string, name: string) {
  const input = readFixture(file);
  const { files, report } = await importDashboard(input, {
    name,
    source: `test/fixtures/${file}`,
    directory: `dist/import-roundtrip/${name}`,
  });
  const dir = join(outDir, name);
  rmSync(dir, { recursive: true, force: true });
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const module = (await import(pathToFileURL(join(dir, 'src', 'dashboard.ts')).href)) as Record<string, () => DashboardDefinition>;
  const definition = module[`${name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}Dashboard`]!();
  const fromDisk = compareDashboards(input, definition.model);
  // The generated files build exactly what the importer checked in process, so its explanations apply.
  expect(fromDisk.map(({ path, expected, actual }) => ({ path, expected, actual }))).toEqual(
    report.differences.map(({ path, expected, actual }) => ({ path, expected, actual })),
  );
  return { input, report, files, definition, differences: report.differences };
}

/** Differences as `path: explanation` lines, for readable expectations. */
const explained = (ds: readonly Difference[]) => ds.map((d) => `${d.path}: ${d.explanation ? 'explained' : 'UNEXPLAINED'}`);

const REFERENCES: Array<[file: string, name: string, expected: string[]]> = [
  ['envoy-11022.json', 'envoy-11022', ['tags: explained']],
  [
    'eks-node-groups-13548.json',
    'eks-node-groups-13548',
    [
      'panel 14 stat "Pod Count  - Running".fieldConfig.defaults.unit: explained',
      'panel 18 stat "Pod Count - Not Running".fieldConfig.defaults.unit: explained',
      'panel 20 stat "Pod Count - Total".fieldConfig.defaults.unit: explained',
      'tags: explained',
    ],
  ],
  [
    'prometheus-sample-app.json',
    'prometheus-sample-app',
    [
      'panel 4 timeseries "Counters".datasource.uid: explained',
      'panel 4 timeseries "Counters".fieldConfig.defaults.unit: explained',
      'panel 4 timeseries "Counters".targets[0].datasource.uid: explained',
      'panel 4 timeseries "Counters".targets[1].datasource.uid: explained',
      'panel 5 timeseries "Gauges".datasource.uid: explained',
      'panel 5 timeseries "Gauges".fieldConfig.defaults.unit: explained',
      'panel 5 timeseries "Gauges".targets[0].datasource.uid: explained',
      'panel 5 timeseries "Gauges".targets[1].datasource.uid: explained',
      'panel 7 timeseries "Histograms (percentiles)".datasource.uid: explained',
      'panel 7 timeseries "Histograms (percentiles)".fieldConfig.defaults.unit: explained',
      'panel 7 timeseries "Histograms (percentiles)".targets[0].datasource.uid: explained',
      'panel 8 heatmap "Histograms (heatmap)".datasource.uid: explained',
      'panel 8 heatmap "Histograms (heatmap)".targets[0].datasource.uid: explained',
      'tags: explained',
      'variable "datasource": explained',
      'variable "query0".datasource.uid: explained',
    ],
  ],
  [
    'xray-sample.json',
    'xray-sample',
    [
      'panel 12 nodeGraph "service map".datasource.uid: explained',
      'panel 12 nodeGraph "service map".targets[0].datasource.uid: explained',
      'panel 13 timeseries "invocation counts".datasource.uid: explained',
      'panel 13 timeseries "invocation counts".fieldConfig.defaults.unit: explained',
      'panel 13 timeseries "invocation counts".targets[0].datasource.uid: explained',
      'panel 13 timeseries "invocation counts".targets[1].datasource.uid: explained',
      'panel 21 table "downstreams".datasource.uid: explained',
      'panel 21 table "downstreams".targets[0].datasource.uid: explained',
      'tags: explained',
      'variable "datasource": explained',
    ],
  ],
];

describe('round trip: importing a dashboard and building the generated TypeScript gives the same dashboard', () => {
  it.each(REFERENCES)('%s differs only where the import report says why', async (file, name, expected) => {
    // given: a reference dashboard as exported from Grafana
    // when: it is imported, written as a project and the generated code is built
    const { differences } = await roundTrip(file, name);

    // then: every difference is one the importer made on purpose, listed and explained
    expect(explained(differences)).toEqual(expected);
    expect(differences.every((d) => d.explanation)).toBe(true);
  });

  it.each(REFERENCES)('%s builds into a dashboard that passes validation', async (file, name) => {
    const { definition } = await roundTrip(file, name);
    expect(validateDashboard(normalizeDashboard(definition.model), { file: name })).toEqual([]);
  });

  it('keeps collapsed rows, repeats, regex overrides, mappings, links, annotations, Loki, Tempo and unknown queries', async () => {
    // given: a generated dashboard with the constructs the references lack
    // when
    const { differences, report, files } = await roundTrip('unusual-features.json', 'unusual-features');

    // then
    expect(differences.filter((d) => !d.explanation)).toEqual([]);
    expect(report.conversions.map((c) => `${c.from}->${c.to}`)).toEqual(['singlestat->stat', 'graph->timeseries', 'table-old->table']);
    expect(report.datasources.map((b) => `${b.reference}:${b.pluginType}:${b.variable}`)).toEqual([
      'loki-main:loki:datasource_loki',
      'tempo-main:tempo:datasource_tempo',
      'ch-1:grafana-clickhouse-datasource:datasource_clickhouse',
      'Loki:loki:datasource_loki',
    ]);
    expect(report.rawQueries).toEqual(['panel 9 "Rows in ClickHouse" query A (grafana-clickhouse-datasource)']);
    const panels = files.get('src/panels.ts')!;
    expect(panels).toContain('new loki.DataqueryBuilder()');
    expect(panels).toContain('new tempo.DataqueryBuilder()');
    expect(panels).toContain('// grafana-clickhouse-datasource query: no builder for it, kept as exported');
    expect(panels).toContain(".overrideByRegexp('/p9[0-9]/'");
    expect(panels).toContain(".repeat('job')");
    expect(files.get('src/dashboard.ts')).toContain('.collapsed(true)');
  });

  it('generates a spec that passes, placing the dashboard on Amazon Managed Prometheus through its datasource parameter', async () => {
    // given
    const { files } = await roundTrip('eks-node-groups-13548.json', 'eks-node-groups-13548');
    expect(files.get('src/dashboard.spec.ts')).toContain("query: 'grafana-amazonprometheus-datasource'");

    // when: vitest runs the generated project's own tests (console reporter only: no report joins the suite's totals)
    const stdout = execFileSync(join(workspace, 'node_modules', '.bin', 'vitest'), ['run', '--reporter=default'], {
      cwd: join(outDir, 'eks-node-groups-13548'),
      encoding: 'utf8',
    });

    // then
    expect(stripVTControlCharacters(stdout)).toMatch(/Tests\s+4 passed \(4\)/);
  }, 120_000);

  it('generates projects that type-check', async () => {
    // given: every fixture imported (the tests above wrote them; write again so this test stands alone)
    for (const [file, name] of [...REFERENCES, ['unusual-features.json', 'unusual-features'] as const]) await roundTrip(file, name);
    const tsconfig = join(outDir, 'tsconfig.check.json');
    writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: '../../tsconfig.base.json',
        compilerOptions: {
          noEmit: true,
          composite: false,
          declaration: false,
          declarationMap: false,
          emitDeclarationOnly: false,
          types: ['node'],
        },
        include: ['*/src/**/*.ts'],
      }),
    );

    // when / then: tsc exits 0 (it throws with the compiler output otherwise)
    execFileSync(join(workspace, 'node_modules', '.bin', 'tsc'), ['-p', tsconfig], { encoding: 'utf8' });
  }, 120_000);
});

describe('dashboards that cannot be imported', () => {
  it('names a library panel, whose model lives in Grafana', async () => {
    await expect(importDashboard(readFixture('library-panel.json'), { name: 'x' })).rejects.toThrow(
      'panel 3 "Shared CPU": library panel "Shared CPU" (uid lib-cpu-1) lives in Grafana, not in this JSON; unlink it in Grafana and export again',
    );
  });

  it('names a panel type with no current equivalent', async () => {
    await expect(importDashboard(readFixture('worldmap.json'), { name: 'x' })).rejects.toThrow(
      'panel 7 "Foo": panel type "grafana-worldmap-panel" has no current equivalent',
    );
  });

  it('names a data source referenced by name whose type its queries do not tell', async () => {
    const d = {
      uid: 'u',
      title: 't',
      panels: [{ id: 1, type: 'table', title: 'T', datasource: 'My DB', targets: [{ refId: 'A', rawSql: 'select 1' }] }],
    };
    await expect(importDashboard(d, { name: 'x' })).rejects.toThrow(
      'panel 1 "T": data source "My DB" is referenced by name and its plugin type cannot be told from its queries; pass --datasource-type "My DB=<plugin id>"',
    );
    // and with the type given, it imports
    await expect(importDashboard(d, { name: 'x', datasourceTypes: { 'My DB': 'postgres' } })).resolves.toBeTruthy();
  });
});
