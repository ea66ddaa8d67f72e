import { buildEnvironment, findWorkspaceRoot } from '@o11y/artifacts';
import { localEnvironment } from '@o11y/env-local';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGrafanaDouble } from '@o11y/grafana-double';
import { afterAll, describe, expect, it } from 'vitest';
import { pidAlive } from './child-process.js';
import { checkEnvironmentData, dataProblems, describeEnvironmentData } from './environment-data.js';
import type { DashboardJson } from './dashboard-model.js';
import { grafanaQueryApi } from './grafana-ds-query.js';
import { formatVariable } from './grafana-interpolate.js';
import { resolveVariables } from './grafana-variables.js';
import { loadLocalDashboards } from './local-dashboards.js';
import { checkPanelData, describePanelCheck } from './panel-data.js';
import { isListening } from './ports.js';
import { prometheusApi } from './prometheus-api.js';
import { startPreviewStack, type PreviewStack } from './stack.js';
import { waitForScrapes } from './wait-for-scrapes.js';

/**
 * The issue's proof that the dashboards show data: the real preview stack (the pinned Prometheus, node_exporter
 * and OpenTelemetry Collector from .tools/bin, the sample app, the Envoy traffic generator), the collector
 * scraping with the charts' jobs and remote-writing to Prometheus, then every panel's queries, substituted as
 * Grafana would, sent to that Prometheus. Fails, naming the install script, when a tool is missing.
 */
describe('preview stack, end to end', () => {
  const root = findWorkspaceRoot(import.meta.dirname);
  const local = loadLocalDashboards(root);
  const lockDir = mkdtempSync(join(tmpdir(), 'o11y-preview-e2e-'));
  const lockFile = join(lockDir, 'preview.lock');
  // 1 s scrapes keep the test short; the check uses the same value as the data source's scrape interval.
  const scrapeInterval = '1s';
  let stack: PreviewStack | undefined;
  const running = () => {
    if (!stack) throw new Error('the preview stack did not start (see the first test)');
    return stack;
  };

  afterAll(async () => {
    await stack?.stop();
    rmSync(lockDir, { recursive: true, force: true });
  });

  it('starts the collector scraping node-exporter, the sample app and the Envoy traffic generator into Prometheus on loopback', async () => {
    // when
    stack = await startPreviewStack({ workspaceRoot: root, scrapeInterval, prometheusListen: '127.0.0.1:0', lockFile });
    await waitForScrapes(
      stack.prometheusUrl,
      stack.targets.map((t) => t.job),
      { scrapes: 5, timeoutMs: 30_000 },
    );

    // then
    expect(stack.processes.map((p) => p.name).sort()).toEqual([
      'envoy-traffic',
      'node-exporter',
      'otelcol',
      'prometheus',
      'prometheus-sample-app',
    ]);
    expect(stack.targets.map((t) => t.job)).toEqual(['appmesh-envoy', 'kubernetes-service-endpoints', 'node-exporter']);
    expect(stack.targets.map((t) => t.address).every((a) => a.startsWith('127.0.0.1:'))).toBe(true);
    expect(stack.prometheusUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  }, 50_000);

  it('refuses a second preview while this one runs', async () => {
    running();
    await expect(startPreviewStack({ workspaceRoot: root, prometheusListen: '127.0.0.1:0', lockFile })).rejects.toThrow(
      `a preview is already running (pid ${process.pid})`,
    );
  });

  it("resolves the dashboards' default variable values against Prometheus as Grafana does", async () => {
    // given
    const ctx = {
      api: prometheusApi(running().prometheusUrl),
      datasources: local.datasources,
      startMs: Date.now() - 60_000,
      endMs: Date.now(),
    };
    const dashboard = (uid: string) => local.dashboards.find((d) => d.uid === uid)!;

    // when
    const sampleApp = await resolveVariables(dashboard('prometheus-sample-app'), ctx);
    const envoy = await resolveVariables(dashboard('envoy-proxy'), ctx);
    const eks = await resolveVariables(dashboard('eks-node-groups'), ctx);

    // then the metric index is the numerically first gauge, the saved ratio gauge is kept, All is .*
    expect(sampleApp.get('metric')?.options.map((o) => o.value)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(formatVariable(sampleApp.get('metric')!)).toBe('0');
    expect(formatVariable(sampleApp.get('ratioTo')!)).toBe('2');
    expect(formatVariable(sampleApp.get('datapoint')!)).toBe('.*');
    expect(envoy.get('namespace')?.options.map((o) => o.value)).toEqual(['shop', 'web']);
    expect(envoy.get('service')?.options.map((o) => o.value)).toEqual(['catalog', 'frontend', 'inventory']);
    expect(formatVariable(envoy.get('service')!)).toBe('.*');
    // without kube-state-metrics the instance list is empty, and All still selects every node-exporter
    expect(eks.get('instance')?.options).toEqual([]);
    expect(formatVariable(eks.get('instance')!)).toBe('.*');
  });

  it('gets data for every panel of every local dashboard, except the panels declared without a local source', async () => {
    // when
    const report = await checkPanelData(local, running().prometheusUrl, { scrapeInterval, rangeMs: 20_000 });

    // then
    const lines = describePanelCheck(report);
    console.log(lines.join('\n'));
    expect(report.failures, lines.slice(1).join('\n')).toEqual([]);
    expect(report.checked).toBeGreaterThanOrEqual(30);
    expect(report.queries).toBeGreaterThanOrEqual(report.checked);
    const declared = report.noLocalSource.map((p) => `${p.dashboardUid}: ${p.title}`);
    expect(declared.filter((p) => p.startsWith('eks-node-groups'))).toEqual([
      'eks-node-groups: Nodes',
      'eks-node-groups: Nodes not ready',
      'eks-node-groups: Pods',
      'eks-node-groups: Pods not running',
      'eks-node-groups: Pods running vs not running',
      'eks-node-groups: Node conditions',
    ]);
    expect(declared.filter((p) => p.startsWith('xray-services'))).toHaveLength(6);
    expect(declared).toHaveLength(12);
  }, 30_000);

  it('feeds every Prometheus panel and alert rule of the built local environment, except those declared without a source', async () => {
    // when
    const report = await checkEnvironmentData(buildEnvironment(localEnvironment, root), running().prometheusUrl, {
      // the environment's own declarations (the metrics contract checks the same list at build time)
      withoutSource: localEnvironment.withoutSource ?? [],
      rangeMs: 20_000,
      scrapeInterval,
    });

    // then
    console.log(describeEnvironmentData(report).join('\n'));
    expect(dataProblems(report)).toEqual([]);
    expect(report.rules.filter((r) => r.verdict === 'fed').length).toBeGreaterThanOrEqual(8);
    expect(report.panels.filter((p) => p.verdict === 'fed').length).toBeGreaterThanOrEqual(30);
  }, 60_000);

  it("gets the same answer through the stand-in Grafana's /api/ds/query, and names a panel whose metric does not exist", async () => {
    // given: the data sources in the stand-in, pointing at this Prometheus with its real scrape interval, and one broken panel
    const double = await startGrafanaDouble();
    const grafanaEnv = { GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin' };
    const api = grafanaQueryApi(double.url, grafanaEnv);
    try {
      // What the preview publishes: the Prometheus data source on this stack, with its real scrape interval.
      const datasources = local.datasources.map((ds) =>
        ds.type === 'prometheus' ? { ...ds, url: running().prometheusUrl, jsonData: { ...ds.jsonData, timeInterval: scrapeInterval } } : ds,
      );
      for (const body of datasources) {
        const res = await fetch(`${double.url}/api/datasources`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(res.status, `${body.uid}: ${await res.text()}`).toBe(200);
      }
      const broken: DashboardJson = {
        uid: 'broken',
        title: 'Broken',
        panels: [
          {
            id: 1,
            type: 'timeseries',
            title: 'Missing',
            datasource: { uid: 'prometheus' },
            targets: [{ refId: 'A', expr: 'rate(no_such_metric_total[$__rate_interval])' }],
          },
        ],
      };

      // when
      const report = await checkPanelData({ dashboards: [...local.dashboards, broken], datasources }, running().prometheusUrl, {
        rangeMs: 20_000,
        grafana: { api, description: 'the stand-in Grafana' },
      });

      // then: every real panel has data; the broken one is named, with the query as Grafana ran it
      const lines = describePanelCheck(report);
      console.log(lines.join('\n'));
      expect(lines[0]).toMatch(
        /^checked \d+ panels \(\d+ queries\) through the stand-in Grafana's \/api\/ds\/query; 12 panels have no local source/,
      );
      expect(report.failures.map((p) => `${p.dashboardUid}/${p.panelId}`)).toEqual(['broken/1']);
      expect(report.failures[0]!.queries[0]!.expr).toBe('rate(no_such_metric_total[4s])');
      expect(report.checked).toBeGreaterThanOrEqual(31);
    } finally {
      await api.close();
      await double.stop();
    }
  }, 60_000);

  it('stops every process it started, frees their ports and removes the data directory and the lock', async () => {
    // given
    const { processes, dataDir } = running();

    // when
    await running().stop();

    // then
    expect(processes.filter((p) => pidAlive(p.pid))).toEqual([]);
    for (const p of processes) expect(await isListening(p.port), `${p.name} port ${p.port}`).toBe(false);
    expect(() => rmSync(dataDir, { recursive: false })).toThrow(/ENOENT/);
    const again = await startPreviewStack({ workspaceRoot: root, prometheusListen: '127.0.0.1:0', lockFile }).catch((e: Error) => e);
    expect(again).not.toBeInstanceOf(Error);
    await (again as PreviewStack).stop();
  }, 30_000);
});
