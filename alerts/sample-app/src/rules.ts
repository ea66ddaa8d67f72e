import { teamPolicyFragment, withOverrides, type AlertRuleDefinition, type AlertSet, type DeepPartial } from '@o11y/alerting';
import { series } from '@o11y/grafana-kit';
import { defaultSampleAppAlertsConfig, type SampleAppAlertsConfig } from './config.js';

const PANEL = 'Counter ${metric} rate';

export const sampleAppDown = (c: SampleAppAlertsConfig): AlertRuleDefinition => ({
  name: 'SampleAppDown',
  uid: 'sample-app-down',
  query: { kind: 'promql', datasource: c.datasource, expr: series('up', c.selector) },
  threshold: { op: 'lt', value: 1 },
  for: c.down.for,
  severity: c.down.severity,
  summary: 'The Prometheus sample app does not answer scrapes.',
  description: `Target {{ $labels.instance }} of {{ $labels.namespace }}/{{ $labels.service }} has failed every scrape for ${c.down.for}.`,
  runbookUrl: c.runbookUrl('SampleAppDown'),
  panel: { dashboard: c.dashboardUid, panel: PANEL },
  // No `up` series at all is SampleAppNotScraped's case, not this one's.
  noDataState: 'OK',
  execErrState: 'Error',
});

export const sampleAppNotScraped = (c: SampleAppAlertsConfig): AlertRuleDefinition => ({
  name: 'SampleAppNotScraped',
  uid: 'sample-app-not-scraped',
  query: { kind: 'promql', datasource: c.datasource, expr: `absent(${series('up', c.selector)})` },
  threshold: { op: 'gt', value: 0 },
  for: c.notScraped.for,
  severity: c.notScraped.severity,
  summary: 'The Prometheus sample app is not scraped.',
  description: `No scrape target matches {${c.selector}}: the app is gone, or the collector no longer discovers it.`,
  runbookUrl: c.runbookUrl('SampleAppNotScraped'),
  panel: { dashboard: c.dashboardUid, panel: PANEL },
  // absent() returns nothing while the app is scraped: no data is the healthy case.
  noDataState: 'OK',
  execErrState: 'Error',
});

/** Alerts for the ADOT metrics recipe's Prometheus sample app. */
export function sampleAppAlerts(overrides: DeepPartial<SampleAppAlertsConfig> = {}): AlertSet {
  const c = withOverrides(defaultSampleAppAlertsConfig, overrides);
  return {
    name: 'sample-app',
    source: import.meta.filename,
    folder: c.folder,
    team: c.team,
    groups: [{ name: 'sample-app', interval: c.interval, rules: [sampleAppDown(c), sampleAppNotScraped(c)] }],
    policy: teamPolicyFragment(c.team, c.route),
  };
}
