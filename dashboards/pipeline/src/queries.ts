import { rate, series, sumBy } from '@o11y/grafana-kit';
import type { PipelineConfig } from './config.js';

/**
 * The pipeline's own metrics, for the dashboard and the alerts alike. Names are what the pinned collector v0.165
 * exposes on :8888 and what reaches the store through the collector's own scrape with `add_metric_suffixes: false`
 * (counters without `_total`: otelcol_receiver_accepted_metric_points); Alloy's remote write is Prometheus's queue
 * manager (prometheus_remote_storage_samples_total, ..._failed_total, ..._pending); `up` and `scrape_*` are written
 * by every scraper for every target.
 */

/** The range of a query's rates: `$__rate_interval` when undefined (the dashboard), a fixed window for alerts. */
export interface PipelineScope {
  readonly range?: string;
}

export const dashboardScope: PipelineScope = {};
export const alertScope = (window?: string): PipelineScope => ({ range: window });

/** A failure counter exists only once something failed: zero per label set of its healthy twin until then. */
const orZeroLike = (failures: string, healthy: string) => `(${failures}) or (${healthy} * 0)`;

// ---- scrape health (any scraper) ----

/** 1 per target answering its scrapes, 0 per target failing them (the alert's query). */
export const targetUp = (c: PipelineConfig) => series('up', c.targetSelector);
export const targetsUp = (c: PipelineConfig) => sumBy(['job'], targetUp(c));
/** Targets failing their scrapes per job; 0 while all answer. */
export const targetsDown = (c: PipelineConfig) => sumBy(['job'], `1 - ${targetUp(c)}`);
export const totalTargetsDown = (c: PipelineConfig) => sumBy([], `1 - ${targetUp(c)}`);
export const samplesScraped = (c: PipelineConfig) => sumBy(['job'], series('scrape_samples_scraped', c.targetSelector));
export const totalSamplesScraped = (c: PipelineConfig) => sumBy([], series('scrape_samples_scraped', c.targetSelector));
export const scrapeDurationSeries = (c: PipelineConfig) => series('scrape_duration_seconds', c.targetSelector);
export const scrapeDuration = (c: PipelineConfig) => `max by (job) (${scrapeDurationSeries(c)})`;
/** 1 when no `up` sample at all arrived within the window: nothing reaches the store. */
export const nothingReceived = (c: PipelineConfig, window: string) => `absent_over_time(${series('up', c.receivedSelector)}[${window}])`;

// ---- OpenTelemetry Collector (ADOT) ----

export const collectorAcceptedPoints = (c: PipelineConfig, s: PipelineScope) =>
  sumBy(['receiver'], rate('otelcol_receiver_accepted_metric_points', c.collectorSelector, s.range));
export const collectorRefusedPoints = (c: PipelineConfig, s: PipelineScope) =>
  sumBy(['receiver'], rate('otelcol_receiver_refused_metric_points', c.collectorSelector, s.range));
export const collectorSentPoints = (c: PipelineConfig, s: PipelineScope) =>
  sumBy(['exporter'], rate('otelcol_exporter_sent_metric_points', c.collectorSelector, s.range));
/** Points in failed sends (v0.165 labels them error_permanent: "true" is lost for good, "false" retried). */
export const collectorSendFailedPoints = (c: PipelineConfig, s: PipelineScope) =>
  orZeroLike(
    sumBy(['exporter'], rate('otelcol_exporter_send_failed_metric_points', c.collectorSelector, s.range)),
    collectorSentPoints(c, s),
  );
/** Points dropped because the exporter's sending queue was full. */
export const collectorEnqueueFailedPoints = (c: PipelineConfig, s: PipelineScope) =>
  orZeroLike(
    sumBy(['exporter'], rate('otelcol_exporter_enqueue_failed_metric_points', c.collectorSelector, s.range)),
    collectorSentPoints(c, s),
  );
/** Fill of each exporter's sending queue (0..1): near 1 the next batches are dropped. */
export const collectorQueueUsage = (c: PipelineConfig) =>
  `max by (exporter) (${series('otelcol_exporter_queue_size', c.collectorSelector)} / ${series('otelcol_exporter_queue_capacity', c.collectorSelector)})`;

// ---- Grafana Alloy (prometheus.remote_write) ----

export const alloySentSamples = (c: PipelineConfig, s: PipelineScope) =>
  sumBy(['url'], rate('prometheus_remote_storage_samples_total', c.alloySelector, s.range));
/** Samples rejected for good (non-recoverable errors, e.g. 400 from the store). */
export const alloyFailedSamples = (c: PipelineConfig, s: PipelineScope) =>
  sumBy(['url'], rate('prometheus_remote_storage_samples_failed_total', c.alloySelector, s.range));
export const alloyRetriedSamples = (c: PipelineConfig, s: PipelineScope) =>
  sumBy(['url'], rate('prometheus_remote_storage_samples_retried_total', c.alloySelector, s.range));
export const alloyPendingSamples = (c: PipelineConfig) =>
  sumBy(['url'], series('prometheus_remote_storage_samples_pending', c.alloySelector));
