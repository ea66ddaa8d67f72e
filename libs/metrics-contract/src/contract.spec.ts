import { describe, expect, it } from 'vitest';
import type { DataSourceDefinition, MetricsPipelineSource, WithoutSourceDeclaration } from '@o11y/environment';
import { checkMetricsContract, type ContractArtifacts } from './contract.js';

const prometheus = {
  uid: 'prom',
  name: 'Prometheus',
  type: 'prometheus',
  access: 'proxy',
  jsonData: {},
  isDefault: true,
} as DataSourceDefinition;
const xray = { uid: 'xray', name: 'X-Ray', type: 'grafana-x-ray-datasource', access: 'proxy', jsonData: {} } as DataSourceDefinition;

/** The sample app behind its Service, scraped by the recipe's annotated-endpoints relabelling on a fixed target. */
const sampleAppPipeline = (exporter: Record<string, unknown>): MetricsPipelineSource => ({
  name: 'test collector',
  config: {
    receivers: {
      prometheus: {
        config: {
          scrape_configs: [
            {
              job_name: 'kubernetes-service-endpoints',
              static_configs: [
                {
                  targets: ['127.0.0.1:8080'],
                  labels: {
                    __meta_kubernetes_namespace: 'prom-sample-app',
                    __meta_kubernetes_service_name: 'prometheus-sample-app',
                    __meta_kubernetes_service_annotation_scrape: 'true',
                  },
                },
              ],
              relabel_configs: [
                { source_labels: ['__meta_kubernetes_service_annotation_scrape'], regex: 'true', action: 'keep' },
                { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
                { source_labels: ['__meta_kubernetes_service_name'], target_label: 'service' },
              ],
            },
          ],
        },
      },
    },
    exporters: { prometheusremotewrite: { endpoint: 'http://127.0.0.1:9090/api/v1/write', ...exporter } },
    service: { pipelines: { metrics: { receivers: ['prometheus'], exporters: ['prometheusremotewrite'] } } },
  },
});

const dashboard = (panels: { title: string; expr?: string; datasource?: string }[]) => ({
  uid: 'app',
  title: 'App',
  templating: { list: [{ type: 'datasource', name: 'datasource', query: 'prometheus' }] },
  panels: panels.map((p) => ({
    title: p.title,
    datasource: { uid: p.datasource ?? '${datasource}' },
    targets: [{ refId: 'A', ...(p.expr !== undefined ? { expr: p.expr } : { queryType: 'getServiceMap' }) }],
  })),
});

function check(
  panels: { title: string; expr?: string; datasource?: string }[],
  options: { exporter?: Record<string, unknown>; withoutSource?: WithoutSourceDeclaration[]; artifacts?: Partial<ContractArtifacts> } = {},
) {
  const env = {
    datasources: [prometheus, xray],
    metricsPipelines: () => [sampleAppPipeline(options.exporter ?? { add_metric_suffixes: false })],
    withoutSource: options.withoutSource,
  };
  const artifacts: ContractArtifacts = {
    dashboards: [dashboard(panels)],
    ruleGroups: [],
    prometheusRuleFiles: [],
    charts: [],
    ...options.artifacts,
  };
  const result = checkMetricsContract(env, artifacts, 'environments/test');
  return { lines: result.problems.map((p) => `${p.file}: ${p.resource} ${p.field}: ${p.message}`), skipped: result.skipped };
}

describe('checkMetricsContract', () => {
  it('passes queries the pipeline feeds, with variables matching anything', () => {
    // given panels on the sample app's metrics, one with a variable inside the name and in a matcher
    const panels = [
      { title: 'Counter', expr: 'rate(test_counter0{namespace="prom-sample-app", service="prometheus-sample-app"}[$__rate_interval])' },
      {
        title: 'By variable',
        expr: 'histogram_quantile(0.9, sum by (le) (rate(test_histogram${metric}_bucket{service=~"$service"}[5m])))',
      },
      { title: 'Up', expr: 'up{job="kubernetes-service-endpoints"}' },
    ];

    // when / then
    expect(check(panels).lines).toEqual([]);
  });

  it('reports a metric no scrape job produces', () => {
    // when
    const { lines } = check([{ title: 'Latency', expr: 'sum(rate(envoy_http_downstream_rq_time_bucket[5m]))' }]);

    // then
    expect(lines).toEqual([
      'environments/test: dashboard app panel "Latency": envoy_http_downstream_rq_time_bucket is not produced by any scrape job of this environment',
    ]);
  });

  it('reports a counter the remote-write exporter stores only with the _total suffix (add_metric_suffixes left at its default)', () => {
    // given the exporter without add_metric_suffixes: false
    const { lines } = check([{ title: 'Counter', expr: 'rate(test_counter0[5m])' }], { exporter: {} });

    // then
    expect(lines).toEqual([
      'environments/test: dashboard app panel "Counter": test_counter0 is exposed by prometheus-sample-app via job kubernetes-service-endpoints but stored as test_counter0_total: the remote-write exporter adds the suffix',
    ]);
  });

  it('follows translation_strategy over add_metric_suffixes, as the pinned exporter does', () => {
    // given a strategy without suffixes although add_metric_suffixes is true
    const { lines } = check([{ title: 'Counter', expr: 'rate(test_counter0[5m])' }], {
      exporter: { add_metric_suffixes: true, translation_strategy: 'UnderscoreEscapingWithoutSuffixes' },
    });

    // then
    expect(lines).toEqual([]);
  });

  it('reports a fixed label value the pipeline never gives', () => {
    // when
    const { lines } = check([{ title: 'Up', expr: 'absent(up{service="x"})' }]);

    // then
    expect(lines).toEqual([
      'environments/test: dashboard app panel "Up": up{service="x"} never matches: the pipeline gives service only "prometheus-sample-app"',
    ]);
  });

  it('reports a label that no job producing the metric provides', () => {
    // when
    const { lines } = check([{ title: 'Gauge', expr: 'test_gauge0{cluster="prod"}' }]);

    // then
    expect(lines).toEqual([
      'environments/test: dashboard app panel "Gauge": test_gauge0{cluster="prod"}: label cluster is not given by any scrape job producing test_gauge0',
    ]);
  });

  it('does not report declared panels, and reports a declaration that matches nothing', () => {
    // given one declared panel that lacks a source and one stale declaration
    const withoutSource = [
      { dashboard: 'app', panel: 'Latency', why: 'no mesh in this environment' },
      { dashboard: 'app', panel: 'Gone', why: 'renamed long ago' },
    ];

    // when
    const { lines } = check([{ title: 'Latency', expr: 'envoy_http_downstream_rq_time_bucket' }], { withoutSource });

    // then
    expect(lines).toEqual([
      'environments/test: withoutSource dashboard app panel "Gone": matches no query this environment cannot feed (its panel or rule is fed now, or does not exist): remove it',
    ]);
  });

  it('skips queries of data sources outside the contract, and lists them', () => {
    // when
    const { lines, skipped } = check([{ title: 'Service map', datasource: 'xray' }]);

    // then
    expect(lines).toEqual([]);
    expect(skipped).toEqual([
      { site: expect.objectContaining({ dashboard: 'app', panel: 'Service map' }), datasourceType: 'grafana-x-ray-datasource' },
    ]);
  });

  it('checks alert and recording rules, and counts recorded series as produced', () => {
    // given a Prometheus rule file recording from a fed metric, an alert on the record and one on nothing
    const yaml = [
      'groups:',
      '  - name: app',
      '    rules:',
      '      - record: service:test_counter0:rate5m',
      '        expr: sum by (service) (rate(test_counter0[5m]))',
      '      - alert: AppBusy',
      '        expr: service:test_counter0:rate5m > 10',
      '      - alert: AppSlow',
      '        expr: http_request_duration_seconds_count > 1',
    ].join('\n');

    // when
    const { lines } = check([], { artifacts: { prometheusRuleFiles: [{ name: 'app', yaml }] } });

    // then
    expect(lines).toEqual([
      'environments/test: prometheus rule group app rule AppSlow: http_request_duration_seconds_count is not produced by any scrape job of this environment',
    ]);
  });

  it('checks Grafana-managed rules and lets a declaration name the rule by title', () => {
    // given a Grafana rule group whose query selects a Service name the pipeline does not give
    const group = {
      title: 'sample-app',
      rules: [
        {
          title: 'SampleAppDown',
          uid: 'sample-app-down',
          data: [
            {
              refId: 'A',
              datasourceUid: 'prom',
              model: { datasource: { type: 'prometheus', uid: 'prom' }, expr: 'up{service="prometheus-sample-app-service"}' },
            },
            { refId: 'C', datasourceUid: '__expr__', model: { type: 'threshold' } },
          ],
        },
      ],
    };

    // when
    const reported = check([], { artifacts: { ruleGroups: [group] } }).lines;
    const declared = check([], {
      artifacts: { ruleGroups: [group] },
      withoutSource: [{ rule: 'SampleAppDown', why: 'wrong Service name' }],
    }).lines;

    // then
    expect(reported).toEqual([
      'environments/test: alert rule group sample-app rule SampleAppDown: up{service="prometheus-sample-app-service"} never matches: the pipeline gives service only "prometheus-sample-app"',
    ]);
    expect(declared).toEqual([]);
  });
});
