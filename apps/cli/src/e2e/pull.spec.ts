import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDashboard } from '@o11y/dashboard-import';
import { startGrafanaDouble, type GrafanaDoubleProcess } from '@o11y/grafana-double';
import { api, ensureBuilt, o11y, readJson, root } from '../../test/e2e-fixtures.js';

type Json = Record<string, any>;

// A throwaway environment under dist/ (never the real dashboards/): one imported project, one plain JSON dashboard.
const NAME = `e2e-pull-${process.pid}`;
const SRC = join(root, 'dist', `${NAME}-src`);
const DIST = join(root, 'dist', NAME);

function writeThrowawayEnvironment(imported: Map<string, string>, plain: Json, version: string): void {
  rmSync(SRC, { recursive: true, force: true });
  for (const [path, content] of imported) {
    mkdirSync(join(SRC, 'pulled-imported', path, '..'), { recursive: true });
    writeFileSync(join(SRC, 'pulled-imported', path), content);
  }
  writeFileSync(join(SRC, 'plain.json'), `${JSON.stringify(plain, null, 2)}\n`);
  writeFileSync(
    join(SRC, 'environment.ts'),
    `import { dashboardFromJsonFile, defineEnvironment } from '@o11y/environment';
import { prometheus } from '@o11y/datasources';
import { pulledImportedDashboard } from './pulled-imported/src/index.js';

export const pullEnvironment = defineEnvironment({
  name: '${NAME}',
  source: import.meta.filename,
  grafana: { kind: 'self-hosted', url: 'http://localhost:3000', version: '${version}' },
  folders: [{ uid: 'pull-e2e', title: 'Pull e2e' }],
  datasources: [prometheus({ url: 'http://localhost:9090', isDefault: true })],
  dashboards: [
    { folder: 'pull-e2e', dashboard: pulledImportedDashboard() },
    { folder: 'pull-e2e', dashboard: dashboardFromJsonFile(new URL('./plain.json', import.meta.url).pathname) },
  ],
});
`,
  );
  writeFileSync(
    join(SRC, 'build.ts'),
    `import { buildEnvironmentFile } from '@o11y/cli/build';\n\nif (!(await buildEnvironmentFile(new URL('./environment.ts', import.meta.url).pathname))) process.exitCode = 1;\n`,
  );
}

/** Builds the throwaway environment in its own process, as `nx build` would. */
function build(): void {
  execFileSync(process.execPath, ['--import', 'tsx', join(SRC, 'build.ts')], { cwd: root, stdio: 'pipe' });
}

/** What a user does in the UI: open the dashboard, change it, save (overwrite, as the save button does for the owner). */
async function editInGrafana(url: string, uid: string, change: (d: Json) => void): Promise<void> {
  const got = await api<{ dashboard: Json; meta: Json }>(url, 'GET', `/api/dashboards/uid/${uid}`);
  expect(got.status).toBe(200);
  const dashboard = structuredClone(got.json.dashboard);
  change(dashboard);
  const saved = await api(url, 'POST', '/api/dashboards/db', {
    dashboard,
    folderUid: got.json.meta.folderUid ?? '',
    message: 'edited in the UI',
  });
  expect(saved.status).toBe(200);
}

/** A threshold, a query and a new panel: the three edits the issue names. */
function userEdits(d: Json, newPanelId: number): void {
  const panel = d.panels.find((p: Json) => p.type === 'timeseries' && p.targets?.length);
  panel.fieldConfig.defaults.thresholds = {
    mode: 'absolute',
    steps: [
      { color: 'green', value: null },
      { color: 'red', value: 0.8 },
    ],
  };
  panel.targets[0].expr = `${panel.targets[0].expr} * 2`;
  const bottom = Math.max(...d.panels.map((p: Json) => p.gridPos.y + p.gridPos.h));
  // As the panel editor saves a new time series: legend and tooltip options, a range query. The data source is the
  // dashboard's variable; the importer writes such a reference without a plugin type (the variable carries it).
  d.panels.push({
    id: newPanelId,
    type: 'timeseries',
    title: 'Added in the UI',
    datasource: { uid: '${datasource}' },
    gridPos: { h: 8, w: 12, x: 0, y: bottom },
    fieldConfig: { defaults: { unit: 'short' }, overrides: [] },
    options: {
      legend: { calcs: [], displayMode: 'list', placement: 'bottom', showLegend: true },
      tooltip: { mode: 'single', sort: 'none' },
    },
    repeatDirection: 'h',
    targets: [{ refId: 'A', expr: 'sum(rate(test_counter0[$__rate_interval]))', range: true, datasource: { uid: '${datasource}' } }],
  });
}

// 11.6 saves through the legacy API (mark inside the dashboard); 12.4 and 13 through /apis (marks in annotations).
describe.each(['11.6.1', '12.4.2', '13.0.1'])('o11y pull against the stand-in imitating Grafana %s', (version) => {
  let double: GrafanaDoubleProcess;
  let env: Record<string, string>;
  const run = (...args: string[]) => o11y([...args, '--dist-dir', DIST], env);

  beforeAll(async () => {
    const local = ensureBuilt('local');
    const sample = readJson<Json>(join(local, 'grafana', 'dashboards', 'prometheus-sample-app.json'));
    const envoy = readJson<Json>(join(local, 'grafana', 'dashboards', 'envoy-proxy.json'));
    const { files } = await importDashboard(
      { ...sample, uid: 'pull-imported', title: 'Pull imported' },
      { name: 'pulled-imported', directory: `dist/${NAME}-src/pulled-imported` },
    );
    writeThrowawayEnvironment(files, { ...envoy, uid: 'pull-plain', title: 'Pull plain JSON' }, version);
    build();
    double = await startGrafanaDouble({ version });
    env = { GRAFANA_URL: double.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin' };
    const published = await run('publish', NAME);
    expect(published.stderr).toBe('');
    expect(published.status).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await double?.stop();
    rmSync(SRC, { recursive: true, force: true });
    rmSync(DIST, { recursive: true, force: true });
  });

  it('shows the UI edits as a semantic diff, writes them into code, and plan then shows no change', async () => {
    // given: a threshold, a query and a new panel edited in Grafana on both dashboards
    await editInGrafana(double.url, 'pull-imported', (d) => userEdits(d, 90));
    await editInGrafana(double.url, 'pull-plain', (d) => userEdits(d, 91));
    const drifted = await run('plan', NAME, '--detailed-exitcode');
    expect(drifted.stdout).toMatch(/! dashboard pull-imported .*drifted/);
    expect(drifted.stdout).toMatch(/! dashboard pull-plain .*drifted/);

    // when: pull without --write
    const shown = await run('pull', NAME);

    // then: the diff names the query, the threshold and the new panel, and nothing is written
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('dashboard pull-imported "Pull imported" (imported: ');
    expect(shown.stdout).toContain('dashboard pull-plain "Pull plain JSON" (json: ');
    expect(shown.stdout).toMatch(/targets\[0\]\.expr: .*" -> …?".* \* 2"/);
    expect(shown.stdout).toMatch(/thresholds/);
    expect(shown.stdout).toMatch(/"Added in the UI"/);
    expect(readJson<Json>(join(SRC, 'plain.json')).panels.some((p: Json) => p.title === 'Added in the UI')).toBe(false);

    // when: pull --write, then build
    const written = await run('pull', NAME, '--write');
    expect(written.stderr).toBe('');
    expect(written.status).toBe(0);
    expect(written.stdout).not.toContain('the regenerated code differs');
    build();

    // then: the code holds the edits and plan shows zero changes for both dashboards
    expect(readFileSync(join(SRC, 'pulled-imported', 'src', 'panels.ts'), 'utf8')).toContain('Added in the UI');
    expect(readJson<Json>(join(SRC, 'plain.json')).panels.some((p: Json) => p.title === 'Added in the UI')).toBe(true);
    const plan = await run('plan', NAME, '--detailed-exitcode');
    expect(plan.stdout).toContain('Plan: 0 to create, 0 to update, 0 to delete, 0 drifted');
    expect(plan.status).toBe(0);
  }, 120_000);

  it('prints builder calls for hand-written code and never writes it', async () => {
    // given: the imported project is now treated as hand-written (its generatedBy mark removed)
    const pkgFile = join(SRC, 'pulled-imported', 'package.json');
    const pkg = readJson<Json>(pkgFile);
    delete pkg.o11y;
    writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
    await editInGrafana(double.url, 'pull-imported', (d) => {
      d.panels.find((p: Json) => p.title === 'Added in the UI').fieldConfig.defaults.unit = 'percent';
    });
    const before = readFileSync(join(SRC, 'pulled-imported', 'src', 'panels.ts'), 'utf8');

    // when
    const r = await run('pull', NAME, 'pull-imported', '--write');

    // then
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('(hand-written: ');
    expect(r.stdout).toMatch(/change panel 90 "Added in the UI"/);
    expect(r.stdout).toContain('export const addedInTheUI = () =>');
    expect(r.stdout).toContain(".unit('percent')");
    expect(r.stdout).toContain('hand-written code is never overwritten');
    expect(readFileSync(join(SRC, 'pulled-imported', 'src', 'panels.ts'), 'utf8')).toBe(before);
  }, 60_000);

  it('names a uid the environment does not define in one line and exits 1', async () => {
    const r = await run('pull', NAME, 'no-such-dashboard');
    expect(r.stderr.trim()).toBe(`error: ${NAME}: dashboard no-such-dashboard is not defined in this environment`);
    expect(r.status).toBe(1);
  });
});
