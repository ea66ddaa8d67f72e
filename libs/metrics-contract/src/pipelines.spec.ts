import { describe, expect, it } from 'vitest';
import { alloyScrapeJobs, chartObjects, chartScrapeJobs, remoteWriteNaming } from './pipelines.js';
import { ANY } from './relabel.js';

describe('remoteWriteNaming', () => {
  it('adds suffixes by default, not with add_metric_suffixes false, and lets translation_strategy decide when set', () => {
    expect(remoteWriteNaming({ endpoint: 'x' })).toBe('with-suffixes');
    expect(remoteWriteNaming({ add_metric_suffixes: false })).toBe('as-exposed');
    expect(remoteWriteNaming({ add_metric_suffixes: false, translation_strategy: 'UnderscoreEscapingWithSuffixes' })).toBe('with-suffixes');
    expect(remoteWriteNaming({ translation_strategy: 'NoTranslation' })).toBe('as-exposed');
  });
});

describe('alloyScrapeJobs', () => {
  it('follows prometheus.scrape to its discovery.relabel rules and discovery role; run-time expressions are unknown', () => {
    // given Alloy as libs/k8s renders it
    const alloy = [
      'discovery.kubernetes "envoy" {',
      '  role = "pod"',
      '',
      '  selectors {',
      '    role  = "pod"',
      '    field = "spec.nodeName=" + sys.env("NODE_NAME")',
      '  }',
      '}',
      '',
      'discovery.relabel "envoy" {',
      '  targets = discovery.kubernetes.envoy.targets',
      '',
      '  rule {',
      '    source_labels = ["__meta_kubernetes_pod_node_name"]',
      '    regex         = sys.env("NODE_NAME")',
      '    action        = "keep"',
      '  }',
      '  rule {',
      '    source_labels = ["__meta_kubernetes_pod_label_app"]',
      '    target_label  = "service"',
      '    action        = "replace"',
      '  }',
      '}',
      '',
      'prometheus.scrape "envoy" {',
      '  job_name     = "appmesh-envoy"',
      '  targets      = discovery.relabel.envoy.output',
      '  forward_to   = [prometheus.remote_write.default.receiver]',
      '  metrics_path = "/stats/prometheus"',
      '}',
    ].join('\n');

    // when
    const [job] = alloyScrapeJobs(alloy, 'chart alloy');

    // then
    expect(job).toMatchObject({
      jobName: 'appmesh-envoy',
      role: 'pod',
      metricsPath: '/stats/prometheus',
      naming: 'as-exposed',
      honorLabels: false,
    });
    expect(job!.relabel).toEqual([
      { sourceLabels: ['__meta_kubernetes_pod_node_name'], regex: ANY, action: 'keep' },
      { sourceLabels: ['__meta_kubernetes_pod_label_app'], targetLabel: 'service', action: 'replace' },
    ]);
  });
});

describe('chartScrapeJobs', () => {
  it("reads the collector configuration a ConfigMap carries, undoing the collector's $$ escape", () => {
    // given
    const yaml = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: collector-config, namespace: o11y }',
      'data:',
      '  collector.yaml: |',
      '    receivers:',
      '      prometheus:',
      '        config:',
      '          scrape_configs:',
      '            - job_name: node-exporter',
      '              kubernetes_sd_configs: [{ role: pod }]',
      '              relabel_configs:',
      '                - { source_labels: [__meta_kubernetes_pod_host_ip], replacement: "$$1:9100", target_label: instance }',
      '    exporters:',
      '      prometheusremotewrite: { endpoint: "https://example", add_metric_suffixes: false }',
      '      debug: {}',
      '    service:',
      '      pipelines:',
      '        metrics: { receivers: [prometheus], exporters: [prometheusremotewrite, debug] }',
    ].join('\n');

    // when
    const jobs = chartScrapeJobs(chartObjects([{ name: 'collector', yaml }]));

    // then
    expect(jobs).toEqual([
      expect.objectContaining({
        pipeline: 'chart collector ConfigMap collector-config receiver prometheus',
        jobName: 'node-exporter',
        role: 'pod',
        naming: 'as-exposed',
        relabel: [{ sourceLabels: ['__meta_kubernetes_pod_host_ip'], replacement: '$1:9100', targetLabel: 'instance' }],
      }),
    ]);
  });
});
