import { type Severity } from '@o11y/environment';
import { defaultTeamRouteOptions, repoRunbookUrl, type TeamRouteOptions } from '@o11y/alerting';
import type { DataSourceRef } from '@o11y/environment';

/**
 * The sample app area's one config (kubernetes-mixin style): the dashboard and alerts/sample-app both read it,
 * and an environment overrides only what differs, once for both: `withOverrides(defaultSampleAppConfig, overrides)`.
 */
export interface SampleAppConfig {
  /** Dashboard uid; the alerts link to it. @default 'prometheus-sample-app' */
  readonly uid: string;
  /** @default 'Prometheus sample app' */
  readonly title: string;
  /** Metrics data source: the dashboard picker's type and pre-selected uid, and what the alerts query. @default { type: 'prometheus', uid: 'prometheus' } */
  readonly datasource: DataSourceRef;
  /** Extra matchers for every sample-app series the dashboard reads, e.g. `job="kubernetes-service-endpoints"`. @default '' */
  readonly selector: string;
  /**
   * Equality matchers selecting the app's scrape targets (`up`); equality so that `absent()` can name what is missing.
   * @default 'namespace="prom-sample-app", service="prometheus-sample-app"'
   */
  readonly targetSelector: string;
  /**
   * Histogram percentiles drawn: only those the buckets can express. The app's buckets are fixed in its code
   * (0.1, 0.5, 1) and ~5% of its N(0.18, 0.5) observations exceed 1, so a p99 (or p95) falls in the +Inf bucket
   * and histogram_quantile can only return the top bound, 1: a constant, not a measurement. The summary's 0.99
   * quantile is the app's real p99. @default [0.5, 0.9]
   */
  readonly quantiles: readonly number[];
  /** Upper bound of the app's largest finite histogram bucket: the panel shows the share of observations above it. @default 1 */
  readonly histogramTopBucket: number;
  /** Summary quantiles the app exports (its objectives), as they appear in the `quantile` label. @default ['0.1', '0.5', '0.99'] */
  readonly summaryQuantiles: readonly string[];
  /** Gauge index the picked gauge is divided by, pre-selected (the recipe showed gauge 0 / gauge 2). @default '2' */
  readonly ratioDenominator: string;
  /** Grafana folder of the rule groups. @default 'o11y-applications' */
  readonly folder: string;
  /** Team owning the alerts. @default 'apps' */
  readonly team: string;
  /** @default repoRunbookUrl: docs/runbooks/<AlertName>.md of this repository (every alert ships one) */
  readonly runbookUrl: (alertname: string) => string;
  /** Evaluation interval of the rule group. @default '1m' */
  readonly interval: string;
  /** The target is scraped but does not answer. @default { for: '5m', severity: 'critical' } */
  readonly down: { readonly for: string; readonly severity: Severity };
  /** No target is scraped at all (deleted, or service discovery lost it). @default { for: '10m', severity: 'warning' } */
  readonly notScraped: { readonly for: string; readonly severity: Severity };
  /** How the team's alerts are routed. @default defaultTeamRouteOptions */
  readonly route: TeamRouteOptions;
}

export const defaultSampleAppConfig: SampleAppConfig = {
  uid: 'prometheus-sample-app',
  title: 'Prometheus sample app',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  selector: '',
  targetSelector: 'namespace="prom-sample-app", service="prometheus-sample-app"',
  quantiles: [0.5, 0.9],
  histogramTopBucket: 1,
  summaryQuantiles: ['0.1', '0.5', '0.99'],
  ratioDenominator: '2',
  folder: 'o11y-applications',
  team: 'apps',
  runbookUrl: repoRunbookUrl,
  interval: '1m',
  down: { for: '5m', severity: 'critical' },
  notScraped: { for: '10m', severity: 'warning' },
  route: defaultTeamRouteOptions,
};
