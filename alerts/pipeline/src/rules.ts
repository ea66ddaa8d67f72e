import { teamPolicyFragment } from '@o11y/alerting';
import { withOverrides, type DeepPartial, type AlertRuleDefinition, type AlertSet } from '@o11y/environment';
import { series } from '@o11y/grafana-kit';
import { defaultPipelineAlertsConfig, type PipelineAlertsConfig } from './config.js';

/** `up` is written by the scraper itself (ADOT, Alloy): 0 when a target does not answer. */
export const scrapeTargetDown = (c: PipelineAlertsConfig): AlertRuleDefinition => ({
  name: 'ScrapeTargetDown',
  uid: 'pipeline-scrape-target-down',
  query: { kind: 'promql', datasource: c.datasource, expr: series('up', c.targetSelector) },
  threshold: { op: 'lt', value: 1 },
  for: c.targetDown.for,
  severity: c.targetDown.severity,
  summary: 'A scrape target is down.',
  description: `Target {{ $labels.instance }} of job {{ $labels.job }} has failed every scrape for ${c.targetDown.for}.`,
  runbookUrl: c.runbookUrl('ScrapeTargetDown'),
  // No `up` at all means nothing arrives: CollectorNotSending reports that.
  noDataState: 'OK',
  execErrState: 'Error',
});

/** Nothing received: the collector is down, cannot authenticate (SigV4) or the remote write is rejected. */
export const collectorNotSending = (c: PipelineAlertsConfig): AlertRuleDefinition => ({
  name: 'CollectorNotSending',
  uid: 'pipeline-collector-not-sending',
  query: {
    kind: 'promql',
    datasource: c.datasource,
    expr: `absent_over_time(${series('up', c.receivedSelector)}[${c.notSending.window}])`,
  },
  threshold: { op: 'gt', value: 0 },
  for: c.notSending.for,
  severity: c.notSending.severity,
  summary: 'No samples received: the collector is not sending.',
  description: `The metrics backend has received no sample of up${c.receivedSelector ? `{${c.receivedSelector}}` : ''} for ${c.notSending.window}: check the collector pods, their IAM role and remote write.`,
  runbookUrl: c.runbookUrl('CollectorNotSending'),
  // absent_over_time() returns nothing while samples arrive: no data is the healthy case.
  noDataState: 'OK',
  execErrState: 'Error',
});

/** Health of the metrics pipeline itself: scrape targets answering, samples arriving at the backend. */
export function pipelineAlerts(overrides: DeepPartial<PipelineAlertsConfig> = {}): AlertSet {
  const c = withOverrides(defaultPipelineAlertsConfig, overrides);
  return {
    name: 'pipeline',
    source: import.meta.filename,
    folder: c.folder,
    team: c.team,
    groups: [{ name: 'metrics-pipeline', interval: c.interval, rules: [scrapeTargetDown(c), collectorNotSending(c)] }],
    policy: teamPolicyFragment(c.team, c.route),
  };
}
