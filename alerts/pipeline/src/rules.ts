import { areaAlertSet } from '@o11y/alerting';
import { defaultPipelineConfig, pipelineQueries as q, type PipelineConfig } from '@o11y/dashboard-pipeline';
import { withOverrides, type DeepPartial, type AlertRuleDefinition, type AlertSet, type PromQLAlertQuery } from '@o11y/environment';

const promql = (c: PipelineConfig, expr: string): PromQLAlertQuery => ({ kind: 'promql', datasource: c.datasource, expr });

/** `up` is written by the scraper itself (ADOT, Alloy): 0 when a target does not answer. */
export const scrapeTargetDown = (c: PipelineConfig): AlertRuleDefinition => ({
  name: 'ScrapeTargetDown',
  uid: 'pipeline-scrape-target-down',
  query: promql(c, q.targetUp(c)),
  threshold: { op: 'lt', value: 1 },
  for: c.targetDown.for,
  severity: c.targetDown.severity,
  summary: 'A scrape target is down.',
  description: `Target {{ $labels.instance }} of job {{ $labels.job }} has failed every scrape for ${c.targetDown.for}.`,
  runbookUrl: c.runbookUrl('ScrapeTargetDown'),
  panel: { dashboard: c.uid, panel: 'Targets down by job' },
  // No `up` at all means nothing arrives: CollectorNotSending reports that.
  noDataState: 'OK',
  execErrState: 'Error',
});

/** Nothing received: the collector is down, cannot authenticate (SigV4) or the remote write is rejected. */
export const collectorNotSending = (c: PipelineConfig): AlertRuleDefinition => ({
  name: 'CollectorNotSending',
  uid: 'pipeline-collector-not-sending',
  query: promql(c, q.nothingReceived(c, c.notSending.window)),
  threshold: { op: 'gt', value: 0 },
  for: c.notSending.for,
  severity: c.notSending.severity,
  summary: 'No samples received: the collector is not sending.',
  description: `The metrics backend has received no sample of up${c.receivedSelector ? `{${c.receivedSelector}}` : ''} for ${c.notSending.window}: check the collector pods, their IAM role and remote write.`,
  runbookUrl: c.runbookUrl('CollectorNotSending'),
  panel: { dashboard: c.uid, panel: 'Samples scraped by job' },
  // absent_over_time() returns nothing while samples arrive: no data is the healthy case.
  noDataState: 'OK',
  execErrState: 'Error',
});

/** The collector fails to send points to the store (otelcol_exporter_send_failed_metric_points; error_permanent="true" ones are lost for good). */
export const collectorExportFailing = (c: PipelineConfig): AlertRuleDefinition => ({
  name: 'CollectorExportFailing',
  uid: 'pipeline-collector-export-failing',
  query: promql(c, q.collectorSendFailedPoints(c, q.alertScope(c.exportFailing.window))),
  threshold: { op: 'gt', value: 0 },
  for: c.exportFailing.for,
  severity: c.exportFailing.severity,
  summary: 'The collector fails to send metric points to the store.',
  description: (v) =>
    `Exporter {{ $labels.exporter }} failed to send {{ printf "%.1f" ${v} }} points/s over the last ${c.exportFailing.window}.`,
  runbookUrl: c.runbookUrl('CollectorExportFailing'),
  panel: { dashboard: c.uid, panel: 'Collector: points exported' },
  // Without the collector's own metrics this rule cannot tell; CollectorNotSending covers a silent collector.
  noDataState: 'OK',
  execErrState: 'Error',
});

/** Alloy's remote write rejects samples for good (non-recoverable errors, e.g. 400 out-of-order or limits). */
export const alloyRemoteWriteFailing = (c: PipelineConfig): AlertRuleDefinition => ({
  name: 'AlloyRemoteWriteFailing',
  uid: 'pipeline-alloy-remote-write-failing',
  query: promql(c, q.alloyFailedSamples(c, q.alertScope(c.exportFailing.window))),
  threshold: { op: 'gt', value: 0 },
  for: c.exportFailing.for,
  severity: c.exportFailing.severity,
  summary: 'Alloy is losing samples on remote write.',
  description: (v) =>
    `Remote write to {{ $labels.url }} rejected {{ printf "%.1f" ${v} }} samples/s over the last ${c.exportFailing.window}: they are lost.`,
  runbookUrl: c.runbookUrl('AlloyRemoteWriteFailing'),
  panel: { dashboard: c.uid, panel: 'Alloy: samples remote-written' },
  noDataState: 'OK',
  execErrState: 'Error',
});

/** Health of the metrics pipeline itself: scrape targets answering, samples arriving, the scrapers' exports. */
export function pipelineAlerts(overrides: DeepPartial<PipelineConfig> = {}): AlertSet {
  const c = withOverrides(defaultPipelineConfig, overrides);
  return areaAlertSet(c, {
    name: 'pipeline',
    source: import.meta.filename,
    groups: [
      {
        name: 'metrics-pipeline',
        rules: [
          scrapeTargetDown(c),
          collectorNotSending(c),
          ...(c.scrapers.includes('otel-collector') ? [collectorExportFailing(c)] : []),
          ...(c.scrapers.includes('alloy') ? [alloyRemoteWriteFailing(c)] : []),
        ],
      },
    ],
  });
}
