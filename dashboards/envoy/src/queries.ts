import { avgBy, histogramQuantile, matchers, rate, ratio, series, sumBy } from '@o11y/grafana-kit';
import type { EnvoyConfig } from './config.js';

/** Envoy metrics as Prometheus sees them (rq_time histograms are in milliseconds). */

/** The matchers every panel applies: the picked namespaces and services. */
export const selector = (c: EnvoyConfig): string =>
  matchers(c.extraSelector, `${c.namespaceLabel}=~"$namespace"`, `${c.serviceLabel}=~"$service"`);

const byService = (c: EnvoyConfig) => [c.namespaceLabel, c.serviceLabel];

export const downstreamRequestRate = (c: EnvoyConfig) => sumBy(byService(c), rate('envoy_http_downstream_rq_total', selector(c)));
export const downstreamConnectionRate = (c: EnvoyConfig) => sumBy(byService(c), rate('envoy_http_downstream_cx_total', selector(c)));
export const downstreamActiveConnections = (c: EnvoyConfig) => sumBy(byService(c), series('envoy_http_downstream_cx_active', selector(c)));
export const downstreamLatency = (c: EnvoyConfig, q: number) =>
  histogramQuantile(q, 'envoy_http_downstream_rq_time_bucket', selector(c), byService(c));

/** Share of downstream requests not answered with a 5xx. */
export const downstreamSuccessRate = (c: EnvoyConfig) =>
  ratio(
    sumBy([], rate('envoy_http_downstream_rq_xx', matchers(selector(c), 'envoy_response_code_class!="5"'))),
    sumBy([], rate('envoy_http_downstream_rq_xx', selector(c))),
  );
export const totalDownstreamRequestRate = (c: EnvoyConfig) => sumBy([], rate('envoy_http_downstream_rq_total', selector(c)));
export const totalDownstreamActiveConnections = (c: EnvoyConfig) => sumBy([], series('envoy_http_downstream_cx_active', selector(c)));

export const upstreamRequestRate = (c: EnvoyConfig) => sumBy(byService(c), rate('envoy_cluster_upstream_rq_total', selector(c)));
export const upstreamConnectionRate = (c: EnvoyConfig) => sumBy(byService(c), rate('envoy_cluster_upstream_cx_total', selector(c)));
export const upstreamActiveConnections = (c: EnvoyConfig) => sumBy(byService(c), series('envoy_cluster_upstream_cx_active', selector(c)));
export const upstreamLatency = (c: EnvoyConfig, q: number) =>
  histogramQuantile(q, 'envoy_cluster_upstream_rq_time_bucket', selector(c), byService(c));

/** Upstream responses of one status class: "2", "3", "4" or "5". */
export const upstreamResponses = (c: EnvoyConfig, statusClass: '2' | '3' | '4' | '5') =>
  sumBy(byService(c), rate('envoy_cluster_upstream_rq_xx', matchers(selector(c), `envoy_response_code_class="${statusClass}"`)));

/** Endpoint counts are per proxy; averaging over the proxies gives the cluster's view. */
export const healthyEndpoints = (c: EnvoyConfig) => avgBy(byService(c), series('envoy_cluster_membership_healthy', selector(c)));
export const totalEndpoints = (c: EnvoyConfig) => avgBy(byService(c), series('envoy_cluster_membership_total', selector(c)));
export const endpointHealth = (c: EnvoyConfig) => ratio(healthyEndpoints(c), totalEndpoints(c));
export const overallEndpointHealth = (c: EnvoyConfig) =>
  ratio(
    sumBy([], series('envoy_cluster_membership_healthy', selector(c))),
    sumBy([], series('envoy_cluster_membership_total', selector(c))),
  );
