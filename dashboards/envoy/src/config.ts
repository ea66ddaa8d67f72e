import { type Severity } from '@o11y/environment';
import { defaultTeamRouteOptions, repoRunbookUrl, type TeamRouteOptions } from '@o11y/alerting';
import type { DataSourceRef } from '@o11y/environment';

/**
 * The Envoy area's one config (kubernetes-mixin style): the dashboard and alerts/envoy both read it, and an
 * environment overrides only what differs, once for both: `withOverrides(defaultEnvoyConfig, overrides)`.
 */
export interface EnvoyConfig {
  /** Dashboard uid; the alerts link to it. @default 'envoy-proxy' */
  readonly uid: string;
  /** @default 'Envoy proxy' */
  readonly title: string;
  /** Metrics data source: the dashboard picker's type and pre-selected uid, and what the alerts query. @default { type: 'prometheus', uid: 'prometheus' } */
  readonly datasource: DataSourceRef;
  /** Label holding the Kubernetes namespace of the proxy. @default 'namespace' */
  readonly namespaceLabel: string;
  /** Label naming the service the proxy fronts (App Mesh: the pod's `app` label). @default 'service' */
  readonly serviceLabel: string;
  /** Label naming Envoy's upstream cluster. @default 'envoy_cluster_name' */
  readonly clusterLabel: string;
  /** Extra matchers for every Envoy series, e.g. `job="appmesh-envoy"`. @default '' */
  readonly selector: string;
  /**
   * Stat prefix of the inbound HTTP connection manager, as Envoy's `envoy_http_conn_manager_prefix` label: downstream
   * panels and alerts count only it, not the admin listener (every scrape is a request) nor egress traffic.
   * App Mesh names its inbound listener's manager `ingress` (egress: `egress`, admin: `admin`).
   * @default 'ingress'
   */
  readonly inboundConnectionManager: string;
  /** Latency percentiles the dashboard draws. @default [0.5, 0.9, 0.99] */
  readonly quantiles: readonly number[];
  /** Success rate below which the stat turns orange / red. @default { warning: 0.99, critical: 0.95 } */
  readonly successRate: { readonly warning: number; readonly critical: number };
  /** Grafana folder of the rule groups. @default 'o11y-service-mesh' */
  readonly folder: string;
  /** Team owning the alerts: the `team` label and the policy subtree. @default 'mesh' */
  readonly team: string;
  /** Runbook of an alert, from its name. @default repoRunbookUrl: docs/runbooks/<AlertName>.md of this repository (every alert ships one) */
  readonly runbookUrl: (alertname: string) => string;
  /** Evaluation interval of every rule group. @default '1m' */
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

export const defaultEnvoyConfig: EnvoyConfig = {
  uid: 'envoy-proxy',
  title: 'Envoy proxy',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  namespaceLabel: 'namespace',
  serviceLabel: 'service',
  clusterLabel: 'envoy_cluster_name',
  selector: '',
  inboundConnectionManager: 'ingress',
  quantiles: [0.5, 0.9, 0.99],
  successRate: { warning: 0.99, critical: 0.95 },
  folder: 'o11y-service-mesh',
  team: 'mesh',
  runbookUrl: repoRunbookUrl,
  interval: '1m',
  downstreamLatency: { quantile: 0.9, thresholdMs: 5, window: '1m', for: '1m', severity: 'warning' },
  downstream5xxRatio: { threshold: 0.05, window: '5m', for: '5m', severity: 'critical' },
  noHealthyUpstream: { for: '1m', severity: 'critical' },
  route: defaultTeamRouteOptions,
};
