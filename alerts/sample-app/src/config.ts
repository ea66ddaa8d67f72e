import { defaultTeamRouteOptions, type Severity, type TeamRouteOptions } from '@o11y/alerting';
import { defaultSampleAppConfig } from '@o11y/dashboard-sample-app';
import type { DataSourceRef } from '@o11y/environment';

/** Selectors and thresholds an environment may override without copying a rule (kubernetes-mixin style). */
export interface SampleAppAlertsConfig {
  /** @default { type: 'prometheus', uid: 'prometheus' } */
  readonly datasource: DataSourceRef;
  /** @default 'o11y-applications' */
  readonly folder: string;
  /** @default 'apps' */
  readonly team: string;
  /**
   * Equality matchers selecting the app's scrape targets; equality so that `absent()` can name what is missing.
   * @default 'namespace="prom-sample-app", service="prometheus-sample-app-service"'
   */
  readonly selector: string;
  /** @default 'prometheus-sample-app' */
  readonly dashboardUid: string;
  /** @default https://runbooks.example.com/sample-app#<alertname lower-case> */
  readonly runbookUrl: (alertname: string) => string;
  /** @default '1m' */
  readonly interval: string;
  /** The target is scraped but does not answer. @default { for: '5m', severity: 'critical' } */
  readonly down: { readonly for: string; readonly severity: Severity };
  /** No target is scraped at all (deleted, or service discovery lost it). @default { for: '10m', severity: 'warning' } */
  readonly notScraped: { readonly for: string; readonly severity: Severity };
  /** @default defaultTeamRouteOptions */
  readonly route: TeamRouteOptions;
}

export const defaultSampleAppAlertsConfig: SampleAppAlertsConfig = {
  datasource: { type: 'prometheus', uid: 'prometheus' },
  folder: 'o11y-applications',
  team: 'apps',
  selector: 'namespace="prom-sample-app", service="prometheus-sample-app-service"',
  dashboardUid: defaultSampleAppConfig.uid,
  runbookUrl: (alertname) => `https://runbooks.example.com/sample-app#${alertname.toLowerCase()}`,
  interval: '1m',
  down: { for: '5m', severity: 'critical' },
  notScraped: { for: '10m', severity: 'warning' },
  route: defaultTeamRouteOptions,
};
