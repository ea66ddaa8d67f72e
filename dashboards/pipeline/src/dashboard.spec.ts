import { describe, expect, it } from 'vitest';
import { normalizeDashboard, validateDashboard } from '@o11y/grafana-model';
import { pipelineDashboard } from './dashboard.js';

const model = (overrides = {}) => normalizeDashboard(pipelineDashboard(overrides).model) as any;
const panel = (d: any, title: string) => {
  const p = d.panels.find((x: any) => x.title === title);
  if (!p) throw new Error(`no panel "${title}"`);
  return p;
};
const exprs = (d: any, title: string): string[] => panel(d, title).targets.map((t: any) => t.expr);
const titles = (d: any): string[] => d.panels.map((p: any) => `${p.type}:${p.title}`);

describe('pipelineDashboard', () => {
  it('shows scrape health, then a row per scraper the environment runs', () => {
    expect(titles(model())).toEqual([
      'row:Scrape health',
      'stat:Targets up',
      'stat:Targets down',
      'stat:Samples per scrape',
      'stat:Slowest scrape',
      'timeseries:Targets down by job',
      'timeseries:Samples scraped by job',
      'timeseries:Slowest scrape by job',
      'row:OpenTelemetry Collector',
      'timeseries:Collector: points received',
      'timeseries:Collector: points exported',
      'timeseries:Collector: export queue',
      'row:Grafana Alloy',
      'timeseries:Alloy: samples remote-written',
      'timeseries:Alloy: samples pending',
    ]);
  });

  it('leaves out the rows of scrapers an environment does not run', () => {
    // when
    const aws = titles(model({ scrapers: ['otel-collector'] }));
    const lgtm = titles(model({ scrapers: ['alloy'] }));
    // then
    expect(aws).toContain('row:OpenTelemetry Collector');
    expect(aws).not.toContain('row:Grafana Alloy');
    expect(lgtm).toContain('row:Grafana Alloy');
    expect(lgtm).not.toContain('row:OpenTelemetry Collector');
  });

  it("reads the collector's own counters by the names v0.165 exposes and remote write keeps (no _total)", () => {
    const d = model({ collectorSelector: 'service="adot-metrics"' });
    expect(exprs(d, 'Collector: points received')).toEqual([
      'sum by (receiver) (rate(otelcol_receiver_accepted_metric_points{service="adot-metrics"}[$__rate_interval]))',
      'sum by (receiver) (rate(otelcol_receiver_refused_metric_points{service="adot-metrics"}[$__rate_interval]))',
    ]);
    expect(exprs(d, 'Collector: export queue')).toEqual([
      'max by (exporter) (otelcol_exporter_queue_size{service="adot-metrics"} / otelcol_exporter_queue_capacity{service="adot-metrics"})',
    ]);
  });

  it('shows zero failures per exporter until the first failure creates the failure counter', () => {
    const [, failed] = exprs(model(), 'Collector: points exported');
    expect(failed).toBe(
      '(sum by (exporter) (rate(otelcol_exporter_send_failed_metric_points[$__rate_interval]))) or (sum by (exporter) (rate(otelcol_exporter_sent_metric_points[$__rate_interval])) * 0)',
    );
  });

  it("reads Alloy's remote write by Prometheus's queue-manager names", () => {
    expect(exprs(model(), 'Alloy: samples remote-written')).toEqual([
      'sum by (url) (rate(prometheus_remote_storage_samples_total[$__rate_interval]))',
      'sum by (url) (rate(prometheus_remote_storage_samples_retried_total[$__rate_interval]))',
      'sum by (url) (rate(prometheus_remote_storage_samples_failed_total[$__rate_interval]))',
    ]);
  });

  it('counts down targets per job as 0 while all answer, so the panel has data when healthy', () => {
    expect(exprs(model({ targetSelector: 'job!="kubernetes-pods"' }), 'Targets down by job')).toEqual([
      'sum by (job) (1 - up{job!="kubernetes-pods"})',
    ]);
  });

  it('passes validation, every numeric panel with a unit', () => {
    expect(validateDashboard(model(), { file: 'pipeline' })).toEqual([]);
  });
});
