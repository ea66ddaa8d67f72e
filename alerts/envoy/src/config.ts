import { defaultTeamRouteOptions, type Severity, type TeamRouteOptions } from '@o11y/alerting';
import { defaultEnvoyConfig } from '@o11y/dashboard-envoy';
import type { DataSourceRef } from '@o11y/environment';

/** Selectors and thresholds an environment may override without copying a rule (kubernetes-mixin style). */
export interface EnvoyAlertsConfig {
  /** Metrics data source the Grafana-managed rules query. @default { type: 'prometheus', uid: 'prometheus' } */
  readonly datasource: DataSourceRef;
  /** Grafana folder of the rule groups. @default 'o11y-service-mesh' */
  readonly folder: string;
  /** Team owning the alerts: the `team` label and the policy subtree. @default 'mesh' */
  readonly team: string;
  /** Label holding the proxy's namespace; the dashboard's. @default 'namespace' */
  readonly namespaceLabel: string;
  /** Label naming the service the proxy fronts; the dashboard's. @default 'service' */
  readonly serviceLabel: string;
  /** Label naming Envoy's upstream cluster. @default 'envoy_cluster_name' */
  readonly clusterLabel: string;
  /** Extra matchers for every Envoy series, e.g. `job="appmesh-envoy"`. @default '' */
  readonly selector: string;
  /** Dashboard the alerts link to. @default 'envoy-proxy' */
  readonly dashboardUid: string;
  /** Runbook of an alert, from its name. @default https://runbooks.example.com/envoy#<alertname lower-case> */
  readonly runbookUrl: (alertname: string) => string;
  /** Evaluation interval of every group. @default '1m' */
  readonly interval: string;
  /** The recipe's alert: downstream p90 above 5 ms for 1 m. @default { quantile: 0.9, thresholdMs: 5, window: '1m', for: '1m', severity: 'warning' } */
  readonly downstreamLatency: {
    readonly quantile: number;
    readonly thresholdMs: number;
    readonly window: string;
    readonly for: string;
    readonly severity: Severity;
  };
  /** Share of downstream requests answered with a 5xx. @default { threshold: 0.05, window: '5m', for: '5m', severity: 'critical' } */
  readonly downstream5xxRatio: { readonly threshold: number; readonly window: string; readonly for: string; readonly severity: Severity };
  /** An upstream cluster with members but none healthy. @default { for: '1m', severity: 'critical' } */
  readonly noHealthyUpstream: { readonly for: string; readonly severity: Severity };
  /** How the team's alerts are routed. @default defaultTeamRouteOptions */
  readonly route: TeamRouteOptions;
}

export const defaultEnvoyAlertsConfig: EnvoyAlertsConfig = {
  datasource: { type: 'prometheus', uid: 'prometheus' },
  folder: 'o11y-service-mesh',
  team: 'mesh',
  namespaceLabel: defaultEnvoyConfig.namespaceLabel,
  serviceLabel: defaultEnvoyConfig.serviceLabel,
  clusterLabel: 'envoy_cluster_name',
  selector: defaultEnvoyConfig.extraSelector,
  dashboardUid: defaultEnvoyConfig.uid,
  runbookUrl: (alertname) => `https://runbooks.example.com/envoy#${alertname.toLowerCase()}`,
  interval: '1m',
  downstreamLatency: { quantile: 0.9, thresholdMs: 5, window: '1m', for: '1m', severity: 'warning' },
  downstream5xxRatio: { threshold: 0.05, window: '5m', for: '5m', severity: 'critical' },
  noHealthyUpstream: { for: '1m', severity: 'critical' },
  route: defaultTeamRouteOptions,
};
