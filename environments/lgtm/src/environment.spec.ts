import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildEnvironment, findWorkspaceRoot } from '@o11y/artifacts';
import { missingRunbooks } from '@o11y/alerting';
import { lgtmEnvironment } from './environment.js';

const root = findWorkspaceRoot(import.meta.dirname);

describe('lgtm environment', () => {
  const { manifest, files } = buildEnvironment(lgtmEnvironment, root);

  it('reads Mimir as its Prometheus, with Loki and Tempo linked', () => {
    expect(JSON.parse(files.get('grafana/datasources/mimir.json')!)).toMatchObject({
      type: 'prometheus',
      jsonData: { prometheusType: 'Mimir' },
    });
    expect(JSON.parse(files.get('grafana/datasources/tempo.json')!).jsonData).toMatchObject({
      tracesToLogsV2: { datasourceUid: 'loki' },
      serviceMap: { datasourceUid: 'mimir' },
    });
  });

  it('points the data sources at the services the lgtm-stack chart deploys', () => {
    const charts = buildEnvironment(lgtmEnvironment, root).files;
    const stack = charts.get('k8s/lgtm-stack.yaml')!;
    for (const ds of ['mimir', 'loki', 'tempo']) {
      const host = new URL(JSON.parse(files.get(`grafana/datasources/${ds}.json`)!).url).hostname;
      const [service, namespace] = host.split('.');
      expect(stack, `${ds}: ${host}`).toMatch(new RegExp(`namespace: ${namespace}\\b`));
      expect(['mimir-gateway', 'loki-gateway', 'tempo']).toContain(service);
    }
  });

  it('leaves PromQL alerts to the Mimir ruler: Prometheus rule files, no Grafana rule groups', () => {
    // then
    expect(manifest.resources.filter((r) => r.kind === 'alert-rule-group')).toEqual([]);
    expect(manifest.resources.filter((r) => r.kind === 'prometheus-rules').map((r) => r.path)).toEqual([
      'rules/envoy-downstream.yaml',
      'rules/envoy-upstream.yaml',
      'rules/kubernetes-apps.yaml',
      'rules/kubernetes-nodes.yaml',
      'rules/metrics-pipeline.yaml',
      'rules/node-exporter.yaml',
    ]);
    expect(files.get('rules/envoy-downstream.yaml')).toContain(
      'expr: histogram_quantile(0.9, sum by (le, namespace, service) (rate(envoy_http_downstream_rq_time_bucket{envoy_http_conn_manager_prefix="ingress"}[1m]))) > 5\n        for: 1m',
    );
    expect(manifest.resources.filter((r) => r.kind === 'contact-point').map((r) => r.uid)).toEqual(['email']);
  });

  it('places the Envoy, EKS and pipeline dashboards on Mimir', () => {
    expect(manifest.resources.filter((r) => r.kind === 'dashboard').map((r) => r.uid)).toEqual([
      'eks-node-groups',
      'envoy-proxy',
      'metrics-pipeline',
    ]);
    expect(JSON.parse(files.get('grafana/dashboards/envoy-proxy.json')!).templating.list[0].current.value).toBe('mimir');
  });
});

describe('lgtm data sources in either mode', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it.each([
    ['single-binary', 'http://tempo.tempo.svc.cluster.local:3200'],
    ['distributed', 'http://tempo-query-frontend.tempo.svc.cluster.local:3200'],
  ])('given O11Y_LGTM_MODE=%s, then Tempo is queried at the service that mode deploys (%s)', async (mode, url) => {
    // given
    vi.stubEnv('O11Y_LGTM_MODE', mode);
    vi.resetModules();
    // when
    const { lgtmEnvironment: environment } = await import('./environment.js');
    // then
    const urls = Object.fromEntries(environment.datasources.map((d) => [d.uid, d.url]));
    expect(urls).toEqual({
      mimir: 'http://mimir-gateway.mimir.svc.cluster.local/prometheus',
      loki: 'http://loki-gateway.loki.svc.cluster.local',
      tempo: url,
    });
  });

  it('given an unknown O11Y_LGTM_MODE, then loading the environment fails naming the variable and the modes', async () => {
    // given
    vi.stubEnv('O11Y_LGTM_MODE', 'sharded');
    vi.resetModules();
    // when / then
    await expect(import('./environment.js')).rejects.toThrow(/^O11Y_LGTM_MODE must be single-binary or distributed, got "sharded"$/);
  });
});

describe('lgtm build target', () => {
  it('declares every variable the charts read as an Nx input, so a changed value is never a cache hit', async () => {
    const { readFileSync } = await import('node:fs');
    const { LGTM_CHART_CONFIG } = await import('./charts.js');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    // tools/nx-plugin makes each o11y.buildEnv variable an env input of the inferred build target.
    const inputs: string[] = pkg.o11y.buildEnv;
    expect(inputs).toEqual(
      expect.arrayContaining([...Object.values(LGTM_CHART_CONFIG).map((c) => c.env), 'O11Y_LGTM_MODE', 'O11Y_STRICT_CONFIG']),
    );
  });

  it('links every alert to a runbook that exists (docs/runbooks, or the mixin page upstream)', () => {
    expect(missingRunbooks(lgtmEnvironment.alerting!.alertSets, join(root, 'docs/runbooks'))).toEqual([]);
  });
});
