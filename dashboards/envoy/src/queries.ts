import { avgBy, histogramQuantile, matchers, percentileLabel, rate, ratio, series, sumBy } from '@o11y/grafana-kit';
import type { EnvoyConfig } from './config.js';

/**
 * Envoy metrics as Prometheus sees them (rq_time histograms are in milliseconds), for the dashboard and the
 * alerts alike: every query takes the matchers it applies and the range its rates use (a scope).
 */

/** What a query looks at: label matchers and the range of its rates (`$__rate_interval` when undefined). */
export interface EnvoyScope {
  readonly selector: string;
  readonly range?: string;
}

/** The dashboard's scope: the picked namespaces and services, Grafana's rate interval. */
export const dashboardScope = (c: EnvoyConfig): EnvoyScope => ({
  selector: matchers(c.selector, `${c.namespaceLabel}=~"$namespace"`, `${c.serviceLabel}=~"$service"`),
});

/**
 * An alert's scope: every namespace and service and a fixed window (no Grafana variables or macros), so Grafana
 * and Prometheus rulers evaluate it alike. Queries of gauges alone need no window.
 */
export const alertScope = (c: EnvoyConfig, window?: string): EnvoyScope => ({ selector: c.selector, range: window });

const byService = (c: EnvoyConfig) => [c.namespaceLabel, c.serviceLabel];

/** Downstream stats of the inbound connection manager only: the admin listener and egress are other managers. */
const inbound = (c: EnvoyConfig, s: EnvoyScope) => matchers(s.selector, `envoy_http_conn_manager_prefix="${c.inboundConnectionManager}"`);

export const downstreamRequestRate = (c: EnvoyConfig, s: EnvoyScope) =>
  sumBy(byService(c), rate('envoy_http_downstream_rq_total', inbound(c, s), s.range));
export const downstreamConnectionRate = (c: EnvoyConfig, s: EnvoyScope) =>
  sumBy(byService(c), rate('envoy_http_downstream_cx_total', inbound(c, s), s.range));
export const downstreamActiveConnections = (c: EnvoyConfig, s: EnvoyScope) =>
  sumBy(byService(c), series('envoy_http_downstream_cx_active', inbound(c, s)));
/** Downstream latency quantile per service in milliseconds. */
export const downstreamLatency = (c: EnvoyConfig, quantile: number, s: EnvoyScope) =>
  histogramQuantile(quantile, 'envoy_http_downstream_rq_time_bucket', inbound(c, s), byService(c), s.range);
/** Share of downstream requests not answered with a 5xx. */
export const downstreamSuccessRate = (c: EnvoyConfig, s: EnvoyScope) =>
  ratio(
    sumBy([], rate('envoy_http_downstream_rq_xx', matchers(inbound(c, s), 'envoy_response_code_class!="5"'), s.range)),
    sumBy([], rate('envoy_http_downstream_rq_xx', inbound(c, s), s.range)),
  );
/** Share of downstream requests per service answered with a 5xx; no traffic gives NaN, which never fires. */
export const downstream5xxRatio = (c: EnvoyConfig, s: EnvoyScope) =>
  ratio(
    sumBy(byService(c), rate('envoy_http_downstream_rq_xx', matchers(inbound(c, s), 'envoy_response_code_class="5"'), s.range)),
    sumBy(byService(c), rate('envoy_http_downstream_rq_xx', inbound(c, s), s.range)),
  );
export const totalDownstreamRequestRate = (c: EnvoyConfig, s: EnvoyScope) =>
  sumBy([], rate('envoy_http_downstream_rq_total', inbound(c, s), s.range));
export const totalDownstreamActiveConnections = (c: EnvoyConfig, s: EnvoyScope) =>
  sumBy([], series('envoy_http_downstream_cx_active', inbound(c, s)));

export const upstreamRequestRate = (c: EnvoyConfig, s: EnvoyScope) =>
  sumBy(byService(c), rate('envoy_cluster_upstream_rq_total', s.selector, s.range));
export const upstreamConnectionRate = (c: EnvoyConfig, s: EnvoyScope) =>
  sumBy(byService(c), rate('envoy_cluster_upstream_cx_total', s.selector, s.range));
export const upstreamActiveConnections = (c: EnvoyConfig, s: EnvoyScope) =>
  sumBy(byService(c), series('envoy_cluster_upstream_cx_active', s.selector));
export const upstreamLatency = (c: EnvoyConfig, quantile: number, s: EnvoyScope) =>
  histogramQuantile(quantile, 'envoy_cluster_upstream_rq_time_bucket', s.selector, byService(c), s.range);

/** Upstream responses of one status class: "2", "3", "4" or "5". */
export const upstreamResponses = (c: EnvoyConfig, statusClass: '2' | '3' | '4' | '5', s: EnvoyScope) =>
  sumBy(byService(c), rate('envoy_cluster_upstream_rq_xx', matchers(s.selector, `envoy_response_code_class="${statusClass}"`), s.range));

/** Endpoint counts are per proxy; averaging over the proxies gives the cluster's view. */
export const healthyEndpoints = (c: EnvoyConfig, s: EnvoyScope) =>
  avgBy(byService(c), series('envoy_cluster_membership_healthy', s.selector));
export const totalEndpoints = (c: EnvoyConfig, s: EnvoyScope) => avgBy(byService(c), series('envoy_cluster_membership_total', s.selector));
export const endpointHealth = (c: EnvoyConfig, s: EnvoyScope) => ratio(healthyEndpoints(c, s), totalEndpoints(c, s));
export const overallEndpointHealth = (s: EnvoyScope) =>
  ratio(sumBy([], series('envoy_cluster_membership_healthy', s.selector)), sumBy([], series('envoy_cluster_membership_total', s.selector)));
/** Healthy members per upstream cluster, only for clusters that have members (an empty cluster is not an outage). */
export const healthyUpstreamMembers = (c: EnvoyConfig, s: EnvoyScope) => {
  const by = [...byService(c), c.clusterLabel];
  return `${sumBy(by, series('envoy_cluster_membership_healthy', s.selector))} and on (${by.join(', ')}) ${sumBy(by, series('envoy_cluster_membership_total', s.selector))} > 0`;
};

/** "p90" for the latency alert's quantile. */
export const latencyLabel = (c: EnvoyConfig) => percentileLabel(c.downstreamLatency.quantile);
