import { buildEnvironment, findWorkspaceRoot } from '@o11y/build';
import {
  checkEnvironmentData,
  dataProblems,
  describeEnvironmentData,
  pidAlive,
  startEnvironmentPipeline,
  waitForScrapedJobs,
  type EnvironmentPipeline,
  type WithoutSource,
} from '@o11y/preview';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { awsEnvironment } from './environment.js';

const KUBE_STATE_METRICS_CANNOT_RUN = 'kube-state-metrics cannot run here (no Kubernetes cluster), so nothing produces kube_* series';
const FIXED_BY_DEFECTS = 'fixed by defects branch';

// Exceptions: the one place where "no data" is excused in this run, each with why.

/** Panels and rules no run on this machine can feed, whatever the environment declares: they stay after the merge. */
const NOT_RUNNABLE_HERE: readonly WithoutSource[] = [
  ...['Nodes', 'Nodes not ready', 'Pods', 'Pods not running', 'Pods running vs not running', 'Node conditions'].map((panel) => ({
    dashboard: 'eks-node-groups',
    panel,
    why: KUBE_STATE_METRICS_CANNOT_RUN,
  })),
  ...['KubePodCrashLooping', 'KubePodNotReady', 'KubeNodeNotReady'].map((rule) => ({ rule, why: KUBE_STATE_METRICS_CANNOT_RUN })),
];

/**
 * Panels and rules the aws environment cannot feed today. At the merge this becomes the environment
 * definition's `withoutSource`; the "fixed by defects branch" entries go once that branch is merged (the test
 * fails on a declared panel or rule that has data, so a stale entry is noticed).
 */
const AWS_WITHOUT_SOURCE: readonly WithoutSource[] = [
  // The aws collector has no Envoy scrape job.
  { dashboard: 'envoy-proxy', why: FIXED_BY_DEFECTS },
  ...['EnvoyDownstreamLatencyHigh', 'EnvoyDownstream5xxRatioHigh', 'EnvoyNoHealthyUpstream'].map((rule) => ({
    rule,
    why: FIXED_BY_DEFECTS,
  })),
  // The rules select service="prometheus-sample-app-service"; the chart's Service is named prometheus-sample-app.
  ...['SampleAppDown', 'SampleAppNotScraped'].map((rule) => ({ rule, why: FIXED_BY_DEFECTS })),
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
      withoutSource: [...NOT_RUNNABLE_HERE, ...AWS_WITHOUT_SOURCE],
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
