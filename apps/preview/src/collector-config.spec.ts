import { collectorConfigObject, envoySidecarJob, otelcolValidate, toPrometheusScrapeConfig } from '@o11y/k8s';
import { describe, expect, it } from 'vitest';
import { PREVIEW_SCRAPE_JOBS, previewCollectorConfig } from './collector-config.js';

const options = {
  scrapeInterval: '1s',
  addresses: { 'envoy-traffic': '127.0.0.1:9901', 'node-exporter': '127.0.0.1:9100', 'prometheus-sample-app': '127.0.0.1:8080' },
  remoteWriteUrl: 'http://127.0.0.1:9090/api/v1/write',
  healthCheckPort: 13133,
};

describe('previewCollectorConfig', () => {
  it("scrapes each workload with the chart's job, its targets carrying the discovery labels the relabelling reads", () => {
    // when
    const jobs = (previewCollectorConfig(options).receivers.prometheus as { config: { scrape_configs: Record<string, unknown>[] } }).config
      .scrape_configs;

    // then
    expect(jobs.map((j) => j.job_name)).toEqual(['appmesh-envoy', 'node-exporter', 'kubernetes-service-endpoints']);
    const envoy = jobs[0]!;
    expect(envoy.kubernetes_sd_configs).toBeUndefined();
    expect(envoy.static_configs).toEqual([{ targets: ['127.0.0.1:9901'], labels: { __meta_kubernetes_pod_container_name: 'envoy' } }]);
    // the chart's relabelling, minus the rule that points __address__ at the pod's admin port
    const chart = toPrometheusScrapeConfig(envoySidecarJob(), { escapeDollars: true }).relabel_configs as { target_label?: string }[];
    expect(envoy.relabel_configs).toEqual(chart.filter((r) => r.target_label !== '__address__'));
    expect(PREVIEW_SCRAPE_JOBS['prometheus-sample-app'].job.jobName).toBe('kubernetes-service-endpoints');
  });

  it('is a configuration the real OpenTelemetry Collector loads', () => {
    expect(otelcolValidate(collectorConfigObject(previewCollectorConfig(options)), 'preview otelcol.yaml')).toEqual({ substituted: [] });
  });
});
