import { buildEnvironment, findWorkspaceRoot } from '@o11y/artifacts';
import { awsEnvironment } from '@o11y/env-aws';
import { pidAlive } from './child-process.js';
import { checkEnvironmentData, dataProblems, describeEnvironmentData, type WithoutSource } from './environment-data.js';
import { startEnvironmentPipeline, type EnvironmentPipeline } from './environment-pipeline.js';
import { waitForScrapedJobs } from './wait-for-scrapes.js';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';

const KUBE_STATE_METRICS_CANNOT_RUN = 'kube-state-metrics cannot run here (no Kubernetes cluster), so nothing produces kube_* series';

// Exceptions: the one place where "no data" is excused in this run, each with why.

/** Panels and rules no run on this machine can feed, whatever the environment declares: they stay after the merge. */
const NOT_RUNNABLE_HERE: readonly WithoutSource[] = [
  ...['Nodes', 'Nodes not ready', 'Pods', 'Pods not running', 'Pods running vs not running', 'Node conditions'].map((panel) => ({
    dashboard: 'eks-node-groups',
    panel,
    why: KUBE_STATE_METRICS_CANNOT_RUN,
  })),
  ...['KubePodCrashLooping', 'KubePodNotReady', 'KubeNodeNotReady'].map((rule) => ({ rule, why: KUBE_STATE_METRICS_CANNOT_RUN })),
  {
    rule: 'CollectorExportFailing',
    why: 'the collector creates otelcol_exporter_send_failed_metric_points on its first failed export, and this run exports without failing',
  },
];

/**
 * The issue's end-to-end proof for aws: the environment's own ADOT metrics collector configuration (from its
 * built chart) run by the pinned OpenTelemetry Collector, with Kubernetes discovery replaced by static targets
 * carrying the discovery labels the charts' pods and Services would have, scraping the twin workloads and
 * remote-writing into the pinned Prometheus; then every panel and alert rule must have data from it.
 */
describe('aws metrics pipeline, end to end', () => {
  const root = findWorkspaceRoot(import.meta.dirname);
  // The same files `npm run build` writes to dist/aws, built here so the run never reads stale artifacts.
  const artifacts = buildEnvironment(awsEnvironment, root);
  let pipeline: EnvironmentPipeline | undefined;
  const running = () => {
    if (!pipeline) throw new Error('the pipeline did not start (see the first test)');
    return pipeline;
  };

  afterAll(async () => {
    await pipeline?.stop();
  });

  it("runs the environment's own collector configuration against the twin workloads into a local Prometheus", async () => {
    // when
    const started = Date.now();
    pipeline = await startEnvironmentPipeline(artifacts, { workspaceRoot: root, startTimeoutMs: 120_000 });
    // 15 s scrapes (the environment's own interval) and 30 s batches: a few minutes on a loaded machine.
    const scraped = await waitForScrapedJobs(pipeline.prometheusUrl, { scrapes: 6, timeoutMs: 300_000 });
    console.log(
      [
        `pipeline fed in ${Math.round((Date.now() - started) / 1000)} s; scrapes per job: ${[...scraped].map(([j, n]) => `${j} ${n}`).join(', ')}`,
        ...pipeline.collectors.map((c) => `ran ${c.source}: ${c.changes.join('; ')}`),
        ...pipeline.notRun.map((n) => `not run: ${n}`),
        `static targets per job: ${[...pipeline.jobs].map(([j, n]) => `${j} ${n}`).join(', ')}`,
        `no local twin for: ${pipeline.withoutTwin.join(', ')}`,
      ].join('\n'),
    );

    // then
    expect(pipeline.collectors.map((c) => c.source)).toEqual([
      'k8s/adot-metrics.yaml ConfigMap adot-col/adot-metrics-config (collector.yaml)',
    ]);
    expect(pipeline.notRun).toEqual([expect.stringMatching(/^k8s\/adot-traces\.yaml .*no metrics pipeline/)]);
    expect([...scraped.keys()]).toEqual(expect.arrayContaining(['kubernetes-service-endpoints', 'node-exporter']));
    expect(pipeline.withoutTwin).toContain('kube-system/kube-state-metrics');
  }, 480_000);

  it('feeds every Prometheus panel and alert rule, except those declared without a source', async () => {
    // when
    const report = await checkEnvironmentData(artifacts, running().prometheusUrl, {
      withoutSource: [...NOT_RUNNABLE_HERE, ...(awsEnvironment.withoutSource ?? [])],
    });

    // then
    console.log(describeEnvironmentData(report).join('\n'));
    expect(dataProblems(report)).toEqual([]);
    expect(report.panels.filter((p) => p.verdict === 'fed').length).toBeGreaterThanOrEqual(10);
    expect(report.rules.filter((r) => r.verdict === 'fed').length).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it('stops every process it started and removes its data directory', async () => {
    // given
    const { processes, dataDir } = running();

    // when
    await running().stop();

    // then
    expect(processes.filter((p) => pidAlive(p.pid))).toEqual([]);
    expect(existsSync(dataDir)).toBe(false);
  }, 30_000);
});
