/**
 * Preview benchmark: save-to-published for one dashboard edit, against the stand-in Grafana (12.4).
 * A throwaway environment under dist/ holds the local environment's four dashboards as TypeScript files;
 * the edit loop of `o11y preview` runs in this process; each save changes one dashboard's title, and the
 * time runs from the file write to the end of publishing (watcher, in-process rebuild, plan, publish).
 * Writes the "Preview: save to published" section of BENCHMARKS.md. Run: `npx tsx bench/preview-save.ts`.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildEnvironment, findWorkspaceRoot } from '@o11y/artifacts';
import { localEnvironment } from '@o11y/env-local';
import { startGrafanaDouble } from '@o11y/grafana-double';
import { startEditLoop } from '@o11y/preview';

const root = findWorkspaceRoot(import.meta.dirname);
const NAME = `bench-preview-${process.pid}`;
const SRC = join(root, 'dist', `${NAME}-src`);
const SAVES = 9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const built = buildEnvironment(localEnvironment, root);
const models = built.manifest.resources.filter((r) => r.kind === 'dashboard').map((r) => JSON.parse(built.files.get(r.path)!));
rmSync(SRC, { recursive: true, force: true });
mkdirSync(SRC, { recursive: true });
const writeDashboard = (i: number, model: Record<string, unknown>) =>
  writeFileSync(
    join(SRC, `dashboard-${i}.ts`),
    `import { defineDashboard } from '@o11y/environment';\n\nexport const d${i} = () => defineDashboard(import.meta.url, ${JSON.stringify(model, null, 2)});\n`,
  );
models.forEach((m, i) => writeDashboard(i, m));
writeFileSync(
  join(SRC, 'environment.ts'),
  `import { defineEnvironment } from '@o11y/environment';
import { localEnvironment } from '@o11y/env-local';
${models.map((_, i) => `import { d${i} } from './dashboard-${i}.js';`).join('\n')}

export const benchEnvironment = defineEnvironment({
  ...localEnvironment,
  name: '${NAME}',
  source: import.meta.filename,
  alerting: undefined,
  dashboards: localEnvironment.dashboards.map((p, i) => ({ ...p, dashboard: [${models.map((_, i) => `d${i}`).join(', ')}][i]!() })),
});
`,
);

const double = await startGrafanaDouble({ version: '12.4.2' });
const loop = await startEditLoop({
  workspaceRoot: root,
  environmentFile: join(SRC, 'environment.ts'),
  distDir: join(root, 'dist', NAME),
  grafanaEnv: { GRAFANA_URL: double.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin' },
  log: () => {},
});
const times: number[] = [];
try {
  console.log(`initial publish: ${loop.initial.ms} ms`);
  const envoy = models.findIndex((m) => m.uid === 'envoy-proxy');
  for (let s = 0; s < SAVES; s++) {
    await new Promise((r) => setTimeout(r, 300));
    const saved = loop.nextSave();
    const started = performance.now();
    writeDashboard(envoy, { ...models[envoy], title: `Envoy proxy (save ${s})` });
    const result = await saved;
    const ms = Math.round(performance.now() - started);
    if (!result.ok || result.changes.length !== 1) throw new Error(`save ${s}: ${JSON.stringify(result)}`);
    times.push(ms);
    console.log(`save ${s}: ${ms} ms (${result.changes.map((c) => `${c.kind} ${c.uid} ${c.outcome}`).join(', ')})`);
  }
} finally {
  await loop.stop();
  await double.stop();
  rmSync(SRC, { recursive: true, force: true });
  rmSync(join(root, 'dist', NAME), { recursive: true, force: true });
}

const section = `## Preview: save to published (\`npx tsx bench/preview-save.ts\`)

${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.
One dashboard (envoy-proxy, of four) edited ${SAVES} times; from the file write to the end of publishing to the stand-in
Grafana 12.4 (watcher, in-process rebuild of the touched modules, build and validation of the environment, plan, one write).

| save to published | median | min | max | target |
| --- | --- | --- | --- | --- |
| one dashboard edit | ${median(times)} ms | ${Math.min(...times)} ms | ${Math.max(...times)} ms | < 1000 ms |
`;
const file = join(root, 'BENCHMARKS.md');
const text = readFileSync(file, 'utf8');
const start = text.indexOf('## Preview: save to published');
const next = start < 0 ? -1 : text.indexOf('\n## ', start + 1);
const updated = start < 0 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, start)}${section}${next < 0 ? '' : text.slice(next + 1)}`;
writeFileSync(file, updated.endsWith('\n') ? updated : `${updated}\n`);
console.log(`median ${median(times)} ms over ${SAVES} saves`);
