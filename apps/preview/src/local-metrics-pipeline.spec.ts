import { previewMetricsPipeline } from '@o11y/env-local';
import { describe, expect, it } from 'vitest';
import { previewCollectorConfig } from './collector-config.js';

type Config = {
  receivers: { prometheus: { config: { scrape_configs: Record<string, unknown>[] } } };
  exporters: Record<string, Record<string, unknown>>;
};

// Addresses are where this run's workloads listen; the contract only reads jobs, relabelling and discovery labels.
const withoutAddresses = (jobs: Record<string, unknown>[]) =>
  jobs.map(({ static_configs, ...job }) => ({ ...job, labels: (static_configs as { labels: unknown }[]).map((s) => s.labels) }));

describe("the local environment's metrics pipeline (what the metrics contract checks)", () => {
  it('is the pipeline the preview runs: same jobs, relabelling, discovery labels and exporter naming', () => {
    // given what the preview runs
    const running = previewCollectorConfig({
      scrapeInterval: '1s',
      addresses: { 'envoy-traffic': '127.0.0.1:1', 'node-exporter': '127.0.0.1:2', 'prometheus-sample-app': '127.0.0.1:3' },
      remoteWriteUrl: 'http://127.0.0.1:9090/api/v1/write',
      healthCheckPort: 13133,
    }) as unknown as Config;

    // when
    const declared = previewMetricsPipeline().config as Config;

    // then
    const sortByJob = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.job_name).localeCompare(String(b.job_name));
    expect(withoutAddresses(declared.receivers.prometheus.config.scrape_configs).sort(sortByJob)).toEqual(
      withoutAddresses(running.receivers.prometheus.config.scrape_configs).sort(sortByJob),
    );
    expect(declared.exporters.prometheusremotewrite!.add_metric_suffixes).toBe(
      running.exporters.prometheusremotewrite!.add_metric_suffixes,
    );
  });
});
