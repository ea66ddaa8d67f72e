import { histogramQuantile, matchers, percentileLabel, rate, ratio, series, sumBy } from '@o11y/grafana-kit';
import type { EnvoyAlertsConfig } from './config.js';

/**
 * The dashboard's queries without its template variables: fixed windows instead of $__rate_interval and
 * every namespace and service instead of the picked ones, so Grafana and Prometheus rulers evaluate them alike.
 */

const byService = (c: EnvoyAlertsConfig) => [c.namespaceLabel, c.serviceLabel];

/** Downstream latency quantile per service in milliseconds (Envoy's rq_time histograms are in ms). */
export const downstreamLatency = (c: EnvoyAlertsConfig) =>
  histogramQuantile(
    c.downstreamLatency.quantile,
    'envoy_http_downstream_rq_time_bucket',
    c.selector,
    byService(c),
    c.downstreamLatency.window,
  );

/** Share of downstream requests per service answered with a 5xx; no traffic gives NaN, which never fires. */
export const downstream5xxRatio = (c: EnvoyAlertsConfig) =>
  ratio(
    sumBy(
      byService(c),
      rate('envoy_http_downstream_rq_xx', matchers(c.selector, 'envoy_response_code_class="5"'), c.downstream5xxRatio.window),
    ),
    sumBy(byService(c), rate('envoy_http_downstream_rq_xx', c.selector, c.downstream5xxRatio.window)),
  );

/** Healthy members per upstream cluster, only for clusters that have members (an empty cluster is not an outage). */
export const healthyUpstreamMembers = (c: EnvoyAlertsConfig) => {
  const by = [...byService(c), c.clusterLabel];
  return `${sumBy(by, series('envoy_cluster_membership_healthy', c.selector))} and on (${by.join(', ')}) ${sumBy(by, series('envoy_cluster_membership_total', c.selector))} > 0`;
};

/** Recorded per-second bucket rates, so dashboards over long ranges read few series. */
export const downstreamLatencyBucketRate = (c: EnvoyAlertsConfig) =>
  sumBy(['le', ...byService(c)], rate('envoy_http_downstream_rq_time_bucket', c.selector, c.downstreamLatency.window));

export const latencyLabel = (c: EnvoyAlertsConfig) => percentileLabel(c.downstreamLatency.quantile);
