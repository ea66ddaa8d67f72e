import { type Severity } from '@o11y/environment';
import { defaultTeamRouteOptions, type TeamRouteOptions } from '@o11y/alerting';
import type { DataSourceRef } from '@o11y/environment';

/** Selectors and thresholds an environment may override without copying a rule (kubernetes-mixin style). */
export interface PipelineAlertsConfig {
  /** @default { type: 'prometheus', uid: 'prometheus' } */
  readonly datasource: DataSourceRef;
  /** @default 'o11y' */
  readonly folder: string;
  /** Team running the collectors and the metrics backend. @default 'o11y' */
  readonly team: string;
  /** Matchers selecting the scrape targets watched, e.g. `job!~"kubernetes-pods"`. @default '' (every target) */
  readonly targetSelector: string;
  /** Matchers selecting series that must keep arriving while the collector sends. @default '' (any `up` series) */
  readonly receivedSelector: string;
  /** @default https://runbooks.example.com/pipeline#<alertname lower-case> */
  readonly runbookUrl: (alertname: string) => string;
  /** @default '1m' */
  readonly interval: string;
  /** @default { for: '5m', severity: 'warning' } */
  readonly targetDown: { readonly for: string; readonly severity: Severity };
  /** No sample at all within `window`: nothing reaches the backend. @default { window: '5m', for: '5m', severity: 'critical' } */
  readonly notSending: { readonly window: string; readonly for: string; readonly severity: Severity };
  /** @default defaultTeamRouteOptions */
  readonly route: TeamRouteOptions;
}

export const defaultPipelineAlertsConfig: PipelineAlertsConfig = {
  datasource: { type: 'prometheus', uid: 'prometheus' },
  folder: 'o11y',
  team: 'o11y',
  targetSelector: '',
  receivedSelector: '',
  runbookUrl: (alertname) => `https://runbooks.example.com/pipeline#${alertname.toLowerCase()}`,
  interval: '1m',
  targetDown: { for: '5m', severity: 'warning' },
  notSending: { window: '5m', for: '5m', severity: 'critical' },
  route: defaultTeamRouteOptions,
};
