import { describe, expect, it } from 'vitest';
import { createEnvoyMetrics, ENVOY_BUCKETS } from './envoy-metrics.js';

describe('createEnvoyMetrics', () => {
  it('names and types the stats as Envoy exposes them on /stats/prometheus', async () => {
    // when
    const metrics = await createEnvoyMetrics().registry.getMetricsAsJSON();

    // then
    expect(Object.fromEntries(metrics.map((m) => [m.name, m.type]))).toEqual({
      envoy_http_downstream_rq_total: 'counter',
      envoy_http_downstream_rq_xx: 'counter',
      envoy_http_downstream_cx_total: 'counter',
      envoy_http_downstream_cx_active: 'gauge',
      envoy_http_downstream_rq_time: 'histogram',
      envoy_cluster_upstream_rq_total: 'counter',
      envoy_cluster_upstream_rq_xx: 'counter',
      envoy_cluster_upstream_cx_total: 'counter',
      envoy_cluster_upstream_cx_active: 'gauge',
      envoy_cluster_upstream_rq_time: 'histogram',
      envoy_cluster_membership_healthy: 'gauge',
      envoy_cluster_membership_total: 'gauge',
    });
  });

  it("uses Envoy's default histogram buckets, in milliseconds", async () => {
    // given
    const m = createEnvoyMetrics();
    const labels = { namespace: 'web', service: 'frontend', kubernetes_pod_name: 'p', envoy_cluster_name: 'c' };

    // when
    m.upstreamRqTime.observe(labels, 42);

    // then
    const text = await m.registry.metrics();
    const les = [...text.matchAll(/envoy_cluster_upstream_rq_time_bucket\{le="([^"]+)"/g)].map((x) => x[1]);
    expect(les).toEqual([...ENVOY_BUCKETS.map(String), '+Inf']);
    expect(ENVOY_BUCKETS).toEqual([
      0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
    ]);
    expect(text).toContain(
      'envoy_cluster_upstream_rq_time_bucket{le="25",namespace="web",service="frontend",kubernetes_pod_name="p",envoy_cluster_name="c"} 0',
    );
    expect(text).toContain(
      'envoy_cluster_upstream_rq_time_bucket{le="50",namespace="web",service="frontend",kubernetes_pod_name="p",envoy_cluster_name="c"} 1',
    );
  });
});
