import { describe, expect, it } from 'vitest';
import { normalizeDashboard, validateDashboard } from '@o11y/grafana-model';
import { envoyDashboard } from './dashboard.js';

type Panel = {
  type: string;
  title: string;
  targets?: Array<{ expr: string; legendFormat?: string; refId: string }>;
  fieldConfig?: any;
  gridPos: any;
};

const model = (overrides = {}) => normalizeDashboard(envoyDashboard(overrides).model) as any;
const panels = (d: any): Panel[] => d.panels;
const panel = (d: any, title: string): Panel => {
  const p = panels(d).find((x) => x.title === title);
  if (!p) throw new Error(`no panel "${title}"`);
  return p;
};
const exprs = (d: any, title: string) => panel(d, title).targets!.map((t) => t.expr);

describe('envoyDashboard', () => {
  it('lists the rows and panels of the Envoy dashboard in order', () => {
    // given / when
    const d = model();

    // then
    expect(panels(d).map((p) => `${p.type}:${p.title}`)).toEqual([
      'row:Overview',
      'stat:Success rate',
      'stat:Downstream requests',
      'stat:Active downstream connections',
      'stat:Healthy upstream endpoints',
      'row:Downstream',
      'timeseries:Downstream request rate',
      'timeseries:Downstream connection rate',
      'timeseries:Downstream latency',
      'timeseries:Downstream active connections',
      'row:Upstream',
      'timeseries:Upstream request rate',
      'timeseries:Upstream connection rate',
      'timeseries:Upstream latency',
      'timeseries:Upstream active connections',
      'row:Upstream responses',
      'timeseries:Upstream 2xx responses',
      'timeseries:Upstream 3xx responses',
      'timeseries:Upstream 4xx responses',
      'timeseries:Upstream 5xx responses',
      'row:Endpoints',
      'timeseries:Healthy vs total endpoints',
      'timeseries:Endpoint health',
      'table:Services',
    ]);
  });

  it('has a stable uid, tags, a sensible time range and the three variables', () => {
    const d = model();
    expect(d).toMatchObject({ uid: 'envoy-proxy', refresh: '30s', time: { from: 'now-30m', to: 'now' } });
    expect(d.tags).toEqual(['envoy', 'service-mesh', 'o11y-as-code']);
    expect(d.templating.list.map((v: any) => `${v.type}:${v.name}`)).toEqual(['datasource:datasource', 'query:namespace', 'query:service']);
    expect(d.templating.list[2].definition).toBe('label_values(envoy_cluster_upstream_rq_total{namespace=~"$namespace"}, service)');
  });

  it('filters downstream traffic by namespace and service too (the original did not)', () => {
    expect(exprs(model(), 'Downstream request rate')).toEqual([
      'sum by (namespace, service) (rate(envoy_http_downstream_rq_total{namespace=~"$namespace", service=~"$service", envoy_http_conn_manager_prefix="ingress"}[$__rate_interval]))',
    ]);
  });

  it('counts only the inbound connection manager downstream: not the admin listener (scrapes) nor egress', () => {
    // given
    const downstream = [
      'Success rate',
      'Downstream requests',
      'Active downstream connections',
      'Downstream request rate',
      'Downstream connection rate',
      'Downstream latency',
      'Downstream active connections',
    ];
    // when
    const d = model({ inboundConnectionManager: 'inbound_http' });
    // then
    for (const title of downstream)
      for (const expr of exprs(d, title))
        expect(expr, title).toMatch(/envoy_http_downstream_\w+\{[^}]*envoy_http_conn_manager_prefix="inbound_http"\}/);
  });

  it('draws p50, p90 and p99 from the millisecond rq_time histograms', () => {
    const d = model();
    const latency = panel(d, 'Upstream latency');
    expect(latency.fieldConfig.defaults.unit).toBe('ms');
    expect(latency.targets!.map((t) => t.legendFormat)).toEqual([
      '{{namespace}}/{{service}} p50',
      '{{namespace}}/{{service}} p90',
      '{{namespace}}/{{service}} p99',
    ]);
    expect(latency.targets![2]!.expr).toBe(
      'histogram_quantile(0.99, sum by (le, namespace, service) (rate(envoy_cluster_upstream_rq_time_bucket{namespace=~"$namespace", service=~"$service"}[$__rate_interval])))',
    );
    expect(exprs(d, 'Downstream latency')[0]).toContain('envoy_http_downstream_rq_time_bucket');
  });

  it('splits upstream responses by status class', () => {
    const d = model();
    for (const c of ['2', '3', '4', '5']) {
      expect(exprs(d, `Upstream ${c}xx responses`)).toEqual([
        `sum by (namespace, service) (rate(envoy_cluster_upstream_rq_xx{namespace=~"$namespace", service=~"$service", envoy_response_code_class="${c}"}[$__rate_interval]))`,
      ]);
    }
  });

  it('computes the success rate as the non-5xx share of downstream responses', () => {
    const stat = panel(model(), 'Success rate');
    expect(stat.fieldConfig.defaults.unit).toBe('percentunit');
    expect(stat.targets![0]!.expr).toBe(
      '(sum(rate(envoy_http_downstream_rq_xx{namespace=~"$namespace", service=~"$service", envoy_http_conn_manager_prefix="ingress", envoy_response_code_class!="5"}[$__rate_interval]))) / (sum(rate(envoy_http_downstream_rq_xx{namespace=~"$namespace", service=~"$service", envoy_http_conn_manager_prefix="ingress"}[$__rate_interval])))',
    );
  });

  it('compares healthy and total endpoints', () => {
    expect(exprs(model(), 'Healthy vs total endpoints')).toEqual([
      'avg by (namespace, service) (envoy_cluster_membership_healthy{namespace=~"$namespace", service=~"$service"})',
      'avg by (namespace, service) (envoy_cluster_membership_total{namespace=~"$namespace", service=~"$service"})',
    ]);
  });

  it('gives every numeric panel a unit and passes validation', () => {
    const d = model();
    for (const p of panels(d).filter((x) => x.type === 'timeseries' || x.type === 'stat')) {
      expect(p.fieldConfig?.defaults?.unit, p.title).toBeTruthy();
    }
    expect(validateDashboard(d, { file: 'envoy' })).toEqual([]);
  });

  it('takes another data source type, labels and selector from the environment', () => {
    // given: an App Mesh cluster on Amazon Managed Prometheus with its own label names
    const d = model({
      datasource: { type: 'grafana-amazonprometheus-datasource', uid: 'amp' },
      serviceLabel: 'app',
      selector: 'job="appmesh-envoy"',
      quantiles: [0.9],
    });

    // then
    expect(d.templating.list[0]).toMatchObject({ query: 'grafana-amazonprometheus-datasource', current: { value: 'amp' } });
    expect(exprs(d, 'Upstream latency')).toEqual([
      'histogram_quantile(0.9, sum by (le, namespace, app) (rate(envoy_cluster_upstream_rq_time_bucket{job="appmesh-envoy", namespace=~"$namespace", app=~"$service"}[$__rate_interval])))',
    ]);
  });
});
