import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DashboardJson, DatasourceJson } from './dashboard-model.js';
import { grafanaQueryApi } from './grafana-ds-query.js';
import { chooseGrafana, type PreviewGrafana } from './grafana-target.js';
import { DEFAULT_LOCK_FILE } from './lock.js';
import { describeNoLocalSource, panelsWithoutLocalSource } from './no-local-source.js';
import { checkPanelData, describePanelCheck } from './panel-data.js';
import { startPreviewStack, type PreviewStack } from './stack.js';
import { waitForScrapes } from './wait-for-scrapes.js';
import { startEditLoop, type EditLoop } from './watch-and-publish.js';

export interface PreviewOptions {
  readonly workspaceRoot: string;
  /** @default 'local' */
  readonly environment?: string;
  /** A file exporting the environment, instead of environments/<env>/src/environment.ts. */
  readonly environmentFile?: string;
  readonly grafanaUrl?: string;
  readonly check?: boolean;
  readonly keepData?: boolean;
  readonly scrapeInterval?: string;
  readonly prometheusListen?: string;
  readonly lockFile?: string;
  readonly log?: (line: string) => void;
}

export interface RunningPreview {
  readonly grafana: PreviewGrafana;
  readonly stack: PreviewStack;
  readonly loop: EditLoop;
  /** Stops the watcher, the Grafana it started and every process of the stack. Idempotent. */
  stop(): Promise<void>;
}

/**
 * `o11y preview`: the live-data stack, a Grafana (given, Docker, or the stand-in), the environment
 * published there with data sources on the stack's ports, then every save rebuilt and published.
 */
export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const root = options.workspaceRoot;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const environment = options.environment ?? 'local';
  const environmentFile = options.environmentFile ?? join(root, 'environments', environment, 'src', 'environment.ts');
  const started: { stop(): Promise<void> }[] = [];
  // Whatever started is stopped in reverse order, on failure half-way as on Ctrl-C.
  const stopAll = async () => {
    for (const s of started.splice(0).reverse()) await s.stop().catch(() => {});
  };
  try {
    const stack = await startPreviewStack({
      workspaceRoot: root,
      scrapeInterval: options.scrapeInterval,
      prometheusListen: options.prometheusListen,
      prometheusUrl: process.env.PROMETHEUS_URL || undefined,
      keepData: options.keepData,
      lockFile: options.lockFile ?? (process.env.O11Y_PREVIEW_LOCK || DEFAULT_LOCK_FILE),
      log,
    });
    started.push(stack);
    log(`Prometheus: ${stack.prometheusUrl}, scraping every ${stack.scrapeInterval}: ${stack.targets.map((t) => t.job).join(', ')}`);
    log(`Processes:  ${stack.processes.map((p) => `${p.name} (pid ${p.pid})`).join(', ')}`);

    let grafana: PreviewGrafana | undefined;
    const loop = await startEditLoop({
      workspaceRoot: root,
      environmentFile,
      // Its own folder: the preview's artifacts point at the local stack, so they must never be taken for dist/<env>.
      distDir: join(root, 'dist', 'preview', environment),
      // Chosen once the environment is loaded: the stand-in imitates the Grafana version it declares.
      grafanaEnv: async (definition) => {
        grafana = await chooseGrafana({ workspaceRoot: root, url: options.grafanaUrl, version: definition.grafana.version });
        started.push(grafana);
        log(`Grafana:    ${grafana.description}`);
        return grafana.env;
      },
      datasourceUrls: { prometheus: stack.prometheusUrl },
      scrapeInterval: stack.scrapeInterval,
      log: (line) => log(`  ${line}`),
    });
    started.push(loop);
    if (!grafana) throw new Error('the edit loop published without asking for a Grafana');
    log('Dashboards:');
    for (const r of loop.manifest().filter((m) => m.kind === 'dashboard')) log(`  ${grafana.url}/d/${r.uid}  ${r.title ?? ''}`);
    log('Watching the sources: every save is rebuilt and published. Press Ctrl-C to stop everything.');
    return { grafana, stack, loop, stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

/** Once the scrapes are in, every panel's queries; returns the exit code (0: every panel with a local source has data). */
export async function checkPreview(preview: RunningPreview, log: (line: string) => void): Promise<number> {
  const { stack, loop } = preview;
  await waitForScrapes(
    stack.prometheusUrl,
    stack.targets.map((t) => t.job),
    { timeoutMs: 10 * 60_000 },
  );
  const read = <T>(kind: string) =>
    loop
      .manifest()
      .filter((r) => r.kind === kind)
      .map((r) => JSON.parse(readFileSync(join(loop.distDir, r.path), 'utf8')) as T);
  const env = { dashboards: read<DashboardJson>('dashboard'), datasources: read<DatasourceJson>('datasource') };
  const empty = describeNoLocalSource(panelsWithoutLocalSource(env.dashboards, env.datasources), env.dashboards);
  if (empty.length) log(`No local source, so these panels stay empty: ${empty.join('; ')}`);
  // The dashboards are published there: Grafana's own macro substitution decides, not an emulation of it.
  const grafana = preview.grafana;
  const name = grafana.kind === 'double' ? 'the stand-in Grafana' : `Grafana at ${grafana.url}`;
  log(
    `Check:      each panel's queries go through ${name}'s /api/ds/query (it substitutes $__interval, $__rate_interval, $__range); ` +
      `dashboard variables resolve here from ${stack.prometheusUrl}, as Grafana's frontend does`,
  );
  const api = grafanaQueryApi(grafana.url, grafana.env);
  try {
    const report = await checkPanelData(env, stack.prometheusUrl, { rangeMs: 5 * 60_000, grafana: { api, description: name } });
    for (const line of describePanelCheck(report)) log(line);
    return report.failures.length === 0 ? 0 : 1;
  } finally {
    await api.close();
  }
}
