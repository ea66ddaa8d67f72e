import { Unit, lowerIsBetter, promInstant, promQuery, statPanel, thresholds, Colour, timeseriesPanel } from '@o11y/grafana-kit';
import type { PipelineConfig } from './config.js';
import * as q from './queries.js';

const on = q.dashboardScope;

export const targetsUpStat = (c: PipelineConfig) =>
  statPanel('Targets up', Unit.count, 'Scrape targets answering their last scrape.').withTarget(promInstant(`sum(${q.targetUp(c)})`));

export const targetsDownStat = (c: PipelineConfig) =>
  statPanel('Targets down', Unit.count, 'Scrape targets failing their last scrape.')
    .withTarget(promInstant(q.totalTargetsDown(c)))
    .thresholds(thresholds(Colour.ok, [[1, Colour.critical]]));

export const samplesScrapedStat = (c: PipelineConfig) =>
  statPanel('Samples per scrape', Unit.count, 'Samples of the last scrape of every target, summed.').withTarget(
    promInstant(q.totalSamplesScraped(c)),
  );

export const slowestScrapeStat = (c: PipelineConfig) =>
  statPanel('Slowest scrape', Unit.seconds, 'Longest scrape_duration_seconds of any target; at the 10 s timeout the scrape fails.')
    .withTarget(promInstant(`max(${q.scrapeDurationSeries(c)})`))
    .thresholds(lowerIsBetter(5, 10));

export const targetsDownByJob = (c: PipelineConfig) =>
  timeseriesPanel('Targets down by job', Unit.count, '`up == 0` per job: the target did not answer or its scrape failed.')
    .withTarget(promQuery(q.targetsDown(c), '{{job}}'))
    .min(0);

export const samplesScrapedByJob = (c: PipelineConfig) =>
  timeseriesPanel(
    'Samples scraped by job',
    Unit.count,
    'Samples per scrape (scrape_samples_scraped): a drop means series vanished.',
  ).withTarget(promQuery(q.samplesScraped(c), '{{job}}'));

export const scrapeDurationByJob = (c: PipelineConfig) =>
  timeseriesPanel(
    'Slowest scrape by job',
    Unit.seconds,
    'scrape_duration_seconds; at the scrape timeout (10 s) the scrape fails.',
  ).withTarget(promQuery(q.scrapeDuration(c), '{{job}}'));

export const collectorReceived = (c: PipelineConfig) =>
  timeseriesPanel('Collector: points received', Unit.perSecond, 'Accepted by the receivers, and refused (memory_limiter pressure).')
    .withTarget(promQuery(q.collectorAcceptedPoints(c, on), '{{receiver}} accepted', 'A'))
    .withTarget(promQuery(q.collectorRefusedPoints(c, on), '{{receiver}} refused', 'B'));

export const collectorExported = (c: PipelineConfig) =>
  timeseriesPanel(
    'Collector: points exported',
    Unit.perSecond,
    'Sent to the store, failed sends (error_permanent="true" ones are lost) and dropped at a full queue (lost).',
  )
    .withTarget(promQuery(q.collectorSentPoints(c, on), '{{exporter}} sent', 'A'))
    .withTarget(promQuery(q.collectorSendFailedPoints(c, on), '{{exporter}} failed', 'B'))
    .withTarget(promQuery(q.collectorEnqueueFailedPoints(c, on), '{{exporter}} dropped (queue full)', 'C'));

export const collectorQueue = (c: PipelineConfig) =>
  timeseriesPanel('Collector: export queue', Unit.ratio, 'Queue size over capacity per exporter: a full queue drops new batches.')
    .withTarget(promQuery(q.collectorQueueUsage(c), '{{exporter}}'))
    .thresholds(lowerIsBetter(0.5, 0.8))
    .min(0)
    .max(1);

export const alloySent = (c: PipelineConfig) =>
  timeseriesPanel('Alloy: samples remote-written', Unit.perSecond, 'Sent, retried (recoverable errors) and failed for good.')
    .withTarget(promQuery(q.alloySentSamples(c, on), '{{url}} sent', 'A'))
    .withTarget(promQuery(q.alloyRetriedSamples(c, on), '{{url}} retried', 'B'))
    .withTarget(promQuery(q.alloyFailedSamples(c, on), '{{url}} failed', 'C'));

export const alloyPending = (c: PipelineConfig) =>
  timeseriesPanel(
    'Alloy: samples pending',
    Unit.count,
    'Samples waiting in the remote-write shards: growing means the store does not keep up.',
  ).withTarget(promQuery(q.alloyPendingSamples(c), '{{url}}'));
