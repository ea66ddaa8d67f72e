import { formatInterval } from '@o11y/environment';
import { parseDuration } from './grafana-time.js';

/** A local workload Prometheus scrapes. */
export interface ScrapeTarget {
  /** Becomes the `job` label. */
  readonly job: string;
  /** host:port */
  readonly address: string;
  /** @default '/metrics' */
  readonly metricsPath?: string;
}

/**
 * prometheus.yml for the preview, written as JSON (YAML is a superset of JSON, so Prometheus reads it).
 * The scrape timeout may not exceed the interval, so it is the smaller of 10 s and the interval.
 */
export function renderPrometheusConfig(scrapeInterval: string, targets: readonly ScrapeTarget[]): string {
  const intervalMs = parseDuration(scrapeInterval);
  const config = {
    global: {
      scrape_interval: scrapeInterval,
      scrape_timeout: formatInterval(Math.min(10_000, intervalMs)),
      evaluation_interval: scrapeInterval,
    },
    scrape_configs: targets.map((t) => ({
      job_name: t.job,
      metrics_path: t.metricsPath ?? '/metrics',
      static_configs: [{ targets: [t.address] }],
    })),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
