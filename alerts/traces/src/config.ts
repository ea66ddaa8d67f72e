import { defaultTeamRouteOptions, type Severity, type TeamRouteOptions } from '@o11y/alerting';
import { defaultXRayConfig } from '@o11y/dashboard-xray';
import type { DataSourceRef } from '@o11y/environment';

/** Services and thresholds an environment may override without copying a rule. */
export interface TracesAlertsConfig {
  /** X-Ray data source. @default { type: 'grafana-x-ray-datasource', uid: 'xray' } */
  readonly datasource: DataSourceRef;
  /** @default 'o11y-tracing' */
  readonly folder: string;
  /** @default 'apps' */
  readonly team: string;
  /** X-Ray service names, one rule each; the dashboard's. @default ['frontend', 'downstream0', 'downstream1'] */
  readonly services: readonly string[];
  /** Region queried; "default" is the data source's. @default 'default' */
  readonly region: string;
  /** X-Ray group the statistics come from. @default 'Default' */
  readonly group: string;
  /** @default 'xray-services' */
  readonly dashboardUid: string;
  /** @default https://runbooks.example.com/traces#<alertname lower-case> */
  readonly runbookUrl: (alertname: string) => string;
  /** @default '1m' */
  readonly interval: string;
  /**
   * Faults (5xx) as a share of requests over `windowSeconds` (statistics come in 60 s buckets).
   * @default { threshold: 0.05, windowSeconds: 300, for: '5m', severity: 'warning' }
   */
  readonly faultRate: { readonly threshold: number; readonly windowSeconds: number; readonly for: string; readonly severity: Severity };
  /** @default defaultTeamRouteOptions */
  readonly route: TeamRouteOptions;
}

export const defaultTracesAlertsConfig: TracesAlertsConfig = {
  datasource: defaultXRayConfig.datasource,
  folder: 'o11y-tracing',
  team: 'apps',
  services: defaultXRayConfig.services,
  region: defaultXRayConfig.region,
  group: defaultXRayConfig.group,
  dashboardUid: defaultXRayConfig.uid,
  runbookUrl: (alertname) => `https://runbooks.example.com/traces#${alertname.toLowerCase()}`,
  interval: '1m',
  faultRate: { threshold: 0.05, windowSeconds: 300, for: '5m', severity: 'warning' },
  route: defaultTeamRouteOptions,
};
