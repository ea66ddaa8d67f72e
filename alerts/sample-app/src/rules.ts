import { areaAlertSet } from '@o11y/alerting';
import { defaultSampleAppConfig, sampleAppQueries as q, type SampleAppConfig } from '@o11y/dashboard-sample-app';
import { withOverrides, type DeepPartial, type AlertRuleDefinition, type AlertSet } from '@o11y/environment';

const PANEL = 'Counter ${metric} rate';

export const sampleAppDown = (c: SampleAppConfig): AlertRuleDefinition => ({
  name: 'SampleAppDown',
  uid: 'sample-app-down',
  query: { kind: 'promql', datasource: c.datasource, expr: q.targetUp(c) },
  threshold: { op: 'lt', value: 1 },
  for: c.down.for,
  severity: c.down.severity,
  summary: 'The Prometheus sample app does not answer scrapes.',
  description: `Target {{ $labels.instance }} of {{ $labels.namespace }}/{{ $labels.service }} has failed every scrape for ${c.down.for}.`,
  runbookUrl: c.runbookUrl('SampleAppDown'),
  panel: { dashboard: c.uid, panel: PANEL },
  // No `up` series at all is SampleAppNotScraped's case, not this one's.
  noDataState: 'OK',
  execErrState: 'Error',
});

export const sampleAppNotScraped = (c: SampleAppConfig): AlertRuleDefinition => ({
  name: 'SampleAppNotScraped',
  uid: 'sample-app-not-scraped',
  query: { kind: 'promql', datasource: c.datasource, expr: q.targetAbsent(c) },
  threshold: { op: 'gt', value: 0 },
  for: c.notScraped.for,
  severity: c.notScraped.severity,
  summary: 'The Prometheus sample app is not scraped.',
  description: `No scrape target matches {${c.targetSelector}}: the app is gone, or the collector no longer discovers it.`,
  runbookUrl: c.runbookUrl('SampleAppNotScraped'),
  panel: { dashboard: c.uid, panel: PANEL },
  // absent() returns nothing while the app is scraped: no data is the healthy case.
  noDataState: 'OK',
  execErrState: 'Error',
});

/** Alerts for the ADOT metrics recipe's Prometheus sample app. */
export function sampleAppAlerts(overrides: DeepPartial<SampleAppConfig> = {}): AlertSet {
  const c = withOverrides(defaultSampleAppConfig, overrides);
  return areaAlertSet(c, {
    name: 'sample-app',
    source: import.meta.filename,
    groups: [{ name: 'sample-app', rules: [sampleAppDown(c), sampleAppNotScraped(c)] }],
  });
}
