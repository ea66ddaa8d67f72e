import { type Severity } from '@o11y/environment';
import { defaultTeamRouteOptions, repoRunbookUrl, type TeamRouteOptions } from '@o11y/alerting';
import type { DataSourceRef } from '@o11y/environment';

/**
 * The X-Ray area's one config (kubernetes-mixin style): the dashboard and alerts/xray both read it, and an
 * environment overrides only what differs, once for both: `withOverrides(defaultXRayConfig, overrides)`.
 */
export interface XRayConfig {
  /** Dashboard uid; the alerts link to it. @default 'xray-services' */
  readonly uid: string;
  /** @default 'X-Ray services' */
  readonly title: string;
  /** X-Ray data source: the dashboard picker's type and pre-selected uid, and what the alerts query. @default { type: 'grafana-x-ray-datasource', uid: 'xray' } */
  readonly datasource: DataSourceRef;
  /** X-Ray service names (ho11y's service.name values): the service picker's options, one alert rule each. @default ['frontend', 'downstream0', 'downstream1'] */
  readonly services: readonly string[];
  /** Region queried (the dashboard's pre-set region variable); "default" is the data source's default region. @default 'default' */
  readonly region: string;
  /** X-Ray group the queries carry; the service map is drawn for it. @default 'Default' */
  readonly group: string;
  /**
   * The group's filter expression, ANDed into the trace list's filter: GetTraceSummaries takes no group, only a
   * filter. Statistics cannot take it (their selector allows only service, edge and id functions): they count
   * each service's traffic whatever the group. @default '' (the Default group holds every trace)
   */
  readonly groupFilterExpression: string;
  /** Grafana folder of the rule group. @default 'o11y-tracing' */
  readonly folder: string;
  /** Team owning the alerts. @default 'apps' */
  readonly team: string;
  /** @default repoRunbookUrl: docs/runbooks/<AlertName>.md of this repository (every alert ships one) */
  readonly runbookUrl: (alertname: string) => string;
  /** Evaluation interval of the rule group. @default '1m' */
  readonly interval: string;
  /**
   * Faults (5xx) as a share of requests over `windowSeconds` (statistics come in 60 s buckets).
   * @default { threshold: 0.05, windowSeconds: 300, for: '5m', severity: 'warning' }
   */
  readonly faultRate: { readonly threshold: number; readonly windowSeconds: number; readonly for: string; readonly severity: Severity };
  /** How the team's alerts are routed. @default defaultTeamRouteOptions */
  readonly route: TeamRouteOptions;
}

export const defaultXRayConfig: XRayConfig = {
  uid: 'xray-services',
  title: 'X-Ray services',
  datasource: { type: 'grafana-x-ray-datasource', uid: 'xray' },
  services: ['frontend', 'downstream0', 'downstream1'],
  region: 'default',
  group: 'Default',
  groupFilterExpression: '',
  folder: 'o11y-tracing',
  team: 'apps',
  runbookUrl: repoRunbookUrl,
  interval: '1m',
  faultRate: { threshold: 0.05, windowSeconds: 300, for: '5m', severity: 'warning' },
  route: defaultTeamRouteOptions,
};
