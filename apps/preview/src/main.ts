import { findWorkspaceRoot, writeArtifacts } from '@o11y/artifacts';
import { DefinitionError } from '@o11y/environment';
import { join, relative } from 'node:path';
import { MissingBinariesError } from './binaries.js';
import { CliError, parsePreviewArgs, PREVIEW_USAGE } from './cli-options.js';
import { loadLocalDashboards } from './local-dashboards.js';
import { DEFAULT_LOCK_FILE, PreviewAlreadyRunningError } from './lock.js';
import { describeNoLocalSource, panelsWithoutLocalSource } from './no-local-source.js';
import { checkPanelData, describePanelCheck } from './panel-data.js';
import { startPreviewStack } from './stack.js';
import { waitForScrapes } from './wait-for-scrapes.js';

const say = (line = '') => process.stdout.write(`${line}\n`);

/** `npm run preview`: builds the local environment, starts Prometheus and the local workloads, runs until Ctrl-C. */
async function main(): Promise<number> {
  const options = parsePreviewArgs(process.argv.slice(2));
  if (options.help) {
    say(PREVIEW_USAGE);
    return 0;
  }
  const root = findWorkspaceRoot(import.meta.dirname);
  const local = loadLocalDashboards(root);
  const outDir = options.outDir ?? join(root, 'dist', 'local');
  await writeArtifacts(outDir, local.files);

  const stack = await startPreviewStack({
    workspaceRoot: root,
    scrapeInterval: options.scrapeInterval,
    prometheusListen: options.prometheusListen,
    prometheusUrl: process.env.PROMETHEUS_URL || undefined,
    keepData: options.keepData,
    lockFile: process.env.O11Y_PREVIEW_LOCK || DEFAULT_LOCK_FILE,
    log: say,
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping ${stack.processes.map((p) => `${p.name} (pid ${p.pid})`).join(', ')}`);
    void stack.stop().then(() => {
      say(options.keepData ? `stopped; data kept in ${stack.dataDir}` : 'stopped; nothing left running, data directory removed');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const shown = (p: string) => relative(process.cwd(), p) || '.';
  say('Grafana:    not available yet: no Grafana server can be obtained on this machine and the publisher is pending.');
  say(
    `            Import the dashboards below into a Grafana whose Prometheus data source (uid "prometheus") points at ${stack.prometheusUrl}.`,
  );
  say(`Dashboards: ${shown(join(outDir, 'grafana', 'dashboards'))} (${local.dashboards.map((d) => d.uid).join(', ')})`);
  say(`Prometheus: ${stack.prometheusUrl}${stack.startedPrometheus ? '' : ' (PROMETHEUS_URL)'}, fed by remote write from the collector`);
  say(`Collector:  the recipe's metrics pipeline (otelcol), scraping every ${stack.scrapeInterval} with the charts' jobs:`);
  for (const t of stack.targets) say(`              ${t.job.padEnd(30)} http://${t.address}${t.metricsPath ?? '/metrics'}`);
  say('            appmesh-envoy scrapes a synthetic source (apps/envoy-traffic) for preview only.');
  say(`Processes:  ${stack.processes.map((p) => `${p.name} (pid ${p.pid})`).join(', ')}`);
  say(`Data:       ${stack.dataDir} (${options.keepData ? 'kept after exit' : 'removed on exit; --keep-data keeps it'})`);
  const empty = describeNoLocalSource(panelsWithoutLocalSource(local.dashboards, local.datasources), local.dashboards);
  if (empty.length > 0) {
    say('No local source, so these panels stay empty:');
    for (const line of empty) say(`  ${line}`);
  }
  say('Press Ctrl-C to stop everything.');

  if (options.check) {
    await waitForScrapes(
      stack.prometheusUrl,
      stack.targets.map((t) => t.job),
      { timeoutMs: 10 * 60_000 },
    );
    const report = await checkPanelData(local, stack.prometheusUrl, { scrapeInterval: stack.scrapeInterval, rangeMs: 5 * 60_000 });
    for (const line of describePanelCheck(report)) say(line);
  }
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    const known =
      e instanceof PreviewAlreadyRunningError || e instanceof MissingBinariesError || e instanceof CliError || e instanceof DefinitionError;
    process.stderr.write(`preview: ${known ? (e as Error).message : ((e as Error).stack ?? String(e))}\n`);
    process.exit(1);
  },
);
