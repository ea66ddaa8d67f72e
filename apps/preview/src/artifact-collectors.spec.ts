import { adotMetricsConfig, collectorConfigObject, envoySidecarJob, nodeExporterJob, otelcolValidate } from '@o11y/k8s';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { artifactCollectors, localizeCollectorConfig, notAMetricsPipeline } from './artifact-collectors.js';
import type { Json } from './dashboard-model.js';
import type { KubernetesObject } from './environment-artifacts.js';

// The aws chart's collector configuration, as its ConfigMap carries it.
const chartConfig = () =>
  collectorConfigObject(
    adotMetricsConfig({
      region: 'us-east-1',
      remoteWriteUrl: 'https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/remote_write',
      scrapeJobs: [nodeExporterJob(), envoySidecarJob()],
    }),
  );
const node = { address: '127.0.0.1:40001', labels: { __meta_kubernetes_pod_label_app_kubernetes_io_name: 'node-exporter' } };

const localize = (config: Json) =>
  localizeCollectorConfig(config, {
    targetsFor: (job) => (job === 'node-exporter' ? [node] : []),
    remoteWriteUrl: 'http://127.0.0.1:40000/api/v1/write',
    healthCheckPort: 40002,
    telemetryPort: 40003,
  });

describe('artifactCollectors', () => {
  it('finds the collector configuration in a ConfigMap and says which configurations are not metrics pipelines', () => {
    // given
    const traces = {
      receivers: { otlp: {} },
      exporters: { awsxray: {} },
      service: { pipelines: { traces: { receivers: ['otlp'], exporters: ['awsxray'] } } },
    };
    const objects: KubernetesObject[] = [
      {
        kind: 'ConfigMap',
        metadata: { name: 'm', namespace: 'adot-col' },
        data: { 'collector.yaml': stringify(chartConfig()) },
        chart: 'k8s/m.yaml',
      },
      {
        kind: 'ConfigMap',
        metadata: { name: 't', namespace: 'adot-col' },
        data: { 'collector.yaml': stringify(traces) },
        chart: 'k8s/t.yaml',
      },
      { kind: 'ConfigMap', metadata: { name: 'other' }, data: { 'config.yaml': 'Address: 0.0.0.0:8080' }, chart: 'k8s/o.yaml' },
    ];

    // when
    const found = artifactCollectors(objects);

    // then
    expect(found.map((c) => [c.source, c.configMap, notAMetricsPipeline(c.config)])).toEqual([
      ['k8s/m.yaml ConfigMap adot-col/m (collector.yaml)', 'm', undefined],
      [
        'k8s/t.yaml ConfigMap adot-col/t (collector.yaml)',
        't',
        'no metrics pipeline from a prometheus receiver to prometheusremotewrite (pipelines: traces)',
      ],
    ]);
  });
});

describe('localizeCollectorConfig', () => {
  it('replaces discovery by static targets with the discovery labels and keeps every other relabelling rule', () => {
    // given
    const original = chartConfig();

    // when
    const { config, ports } = localize(original);

    // then
    type Job = { job_name: string; static_configs: unknown; kubernetes_sd_configs?: unknown; relabel_configs: { target_label?: string }[] };
    const jobsOf = (c: Json) => ((c.receivers as Json).prometheus as { config: { scrape_configs: Job[] } }).config.scrape_configs;
    const [nodeJob, envoyJob] = jobsOf(config);
    const [nodeBefore, envoyBefore] = jobsOf(original);
    expect(nodeJob!.kubernetes_sd_configs).toBeUndefined();
    expect(nodeJob!.static_configs).toEqual([{ targets: [node.address], labels: node.labels }]);
    expect(nodeJob!.relabel_configs).toEqual(nodeBefore!.relabel_configs);
    expect(envoyJob!.static_configs).toEqual([]);
    expect(envoyJob!.relabel_configs).toEqual(envoyBefore!.relabel_configs.filter((r) => r.target_label !== '__address__'));
    expect(ports).toEqual(
      new Map([
        [13133, 40002],
        [8888, 40003],
      ]),
    );
    // the environment's own configuration is left as it was
    expect((nodeBefore as Job).kubernetes_sd_configs).toBeDefined();
  });

  it('removes SigV4, points remote write at the local Prometheus and keeps the exporter settings, such as add_metric_suffixes', () => {
    // when
    const { config, changes } = localize(chartConfig());

    // then
    expect(Object.keys(config.extensions as Json)).toEqual(['health_check']);
    expect((config.service as { extensions: string[] }).extensions).toEqual(['health_check']);
    expect((config.exporters as Json).prometheusremotewrite).toEqual({
      endpoint: 'http://127.0.0.1:40000/api/v1/write',
      resource_to_telemetry_conversion: { enabled: false },
      add_metric_suffixes: false,
    });
    expect(changes).toContain('extension sigv4auth removed (no AWS here)');
    expect(changes).toContain('scrape job appmesh-envoy: relabelling to __address__ dropped (the static address is the one to scrape)');
  });

  it('is a configuration the real OpenTelemetry Collector loads', () => {
    expect(otelcolValidate(localize(chartConfig()).config, 'localized aws collector configuration')).toEqual({ substituted: [] });
  });
});
