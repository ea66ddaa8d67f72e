import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Envoy's default histogram buckets (milliseconds for the *_rq_time histograms). */
export const ENVOY_BUCKETS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
] as const;
export const RESPONSE_CODE_CLASSES = ['1', '2', '3', '4', '5'] as const;
export type ResponseCodeClass = (typeof RESPONSE_CODE_CLASSES)[number];

/** Labels the App Mesh / Alloy scrape job adds to every sidecar series. */
export const PROXY_LABELS = ['namespace', 'service', 'kubernetes_pod_name'] as const;
export type ProxyLabels = Record<(typeof PROXY_LABELS)[number], string>;

const listener = [...PROXY_LABELS, 'envoy_http_conn_manager_prefix'];
const cluster = [...PROXY_LABELS, 'envoy_cluster_name'];

/** The Envoy stats the envoy dashboard queries, named and labelled as Envoy's /stats/prometheus exposes them. */
export function createEnvoyMetrics(registry = new Registry()) {
  const counter = (name: string, help: string, labelNames: string[]) => new Counter({ name, help, labelNames, registers: [registry] });
  const gauge = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [registry] });
  const histogram = (name: string, help: string, labelNames: string[]) =>
    new Histogram({ name, help, labelNames, buckets: [...ENVOY_BUCKETS], registers: [registry] });
  return {
    registry,
    downstreamRqTotal: counter('envoy_http_downstream_rq_total', 'Total requests', listener),
    downstreamRqXx: counter('envoy_http_downstream_rq_xx', 'Requests by response code class', [...listener, 'envoy_response_code_class']),
    downstreamCxTotal: counter('envoy_http_downstream_cx_total', 'Total connections', listener),
    downstreamCxActive: gauge('envoy_http_downstream_cx_active', 'Total active connections', listener),
    downstreamRqTime: histogram('envoy_http_downstream_rq_time', 'Total time for request and response (milliseconds)', listener),
    upstreamRqTotal: counter('envoy_cluster_upstream_rq_total', 'Total requests', cluster),
    upstreamRqXx: counter('envoy_cluster_upstream_rq_xx', 'Upstream requests by response code class', [
      ...cluster,
      'envoy_response_code_class',
    ]),
    upstreamCxTotal: counter('envoy_cluster_upstream_cx_total', 'Total connections', cluster),
    upstreamCxActive: gauge('envoy_cluster_upstream_cx_active', 'Total active connections', cluster),
    upstreamRqTime: histogram('envoy_cluster_upstream_rq_time', 'Request time (milliseconds)', cluster),
    membershipHealthy: gauge('envoy_cluster_membership_healthy', 'Number of healthy hosts in the cluster', cluster),
    membershipTotal: gauge('envoy_cluster_membership_total', 'Number of hosts in the cluster', cluster),
  };
}

export type EnvoyMetrics = ReturnType<typeof createEnvoyMetrics>;
