import { beforeAll, describe, expect, it } from 'vitest';
import { createEnvoyMetrics, type EnvoyMetrics } from './envoy-metrics.js';
import { seededRng } from './random.js';
import { egressCluster, ingressCluster, syntheticMesh } from './topology.js';
import { createTrafficSimulator } from './traffic.js';

type Labels = Record<string, string | number>;
interface Sample {
  labels: Labels;
  value: number;
  metricName?: string;
}

/** Sum of the samples of `name` whose labels include `match`. */
async function total(metrics: EnvoyMetrics, name: string, match: Labels = {}): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name || name.startsWith(`${m.name}_`));
  const samples = (metric?.values ?? []) as Sample[];
  return samples
    .filter((s) => (s.metricName ?? metric!.name) === name && Object.entries(match).every(([k, v]) => s.labels[k] === v))
    .reduce((n, s) => n + s.value, 0);
}

/** Quantile from cumulative Envoy buckets, linear within the bucket (like histogram_quantile). */
async function quantile(metrics: EnvoyMetrics, name: string, match: Labels, q: number): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name)!;
  const byLe = new Map<number, number>();
  for (const s of metric.values as Sample[]) {
    if (s.metricName !== `${name}_bucket` || !Object.entries(match).every(([k, v]) => s.labels[k] === v)) continue;
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    byLe.set(le, (byLe.get(le) ?? 0) + s.value);
  }
  const buckets = [...byLe].sort((a, b) => a[0] - b[0]);
  const rank = q * buckets.at(-1)![1];
  let [prevLe, prevCount] = [0, 0];
  for (const [le, count] of buckets) {
    if (count >= rank) return prevLe + ((le - prevLe) * (rank - prevCount)) / (count - prevCount || 1);
    [prevLe, prevCount] = [le, count];
  }
  return Infinity;
}

/** `seconds` of simulated traffic through the synthetic mesh, replayable by seed. */
function simulate(seconds: number, seed = 42) {
  const metrics = createEnvoyMetrics();
  const sim = createTrafficSimulator(metrics, syntheticMesh, seededRng(seed));
  let entered = 0;
  for (let t = 0.2; t <= seconds; t += 0.2) entered += sim.step(0.2, t);
  return { metrics, entered };
}

const ingress = (service: string) => ({ service, envoy_http_conn_manager_prefix: 'ingress' });

describe('synthetic Envoy traffic', () => {
  let tenMinutes: ReturnType<typeof simulate>;
  beforeAll(() => {
    tenMinutes = simulate(600);
  });

  it('sends about entryRps requests per second into the frontend', async () => {
    // when
    const { metrics, entered } = tenMinutes;

    // then
    expect(entered / 600).toBeGreaterThan(syntheticMesh.entryRps * 0.95);
    expect(entered / 600).toBeLessThan(syntheticMesh.entryRps * 1.05);
    expect(await total(metrics, 'envoy_http_downstream_rq_total', ingress('frontend'))).toBe(entered);
  });

  it('answers mostly 2xx, some 3xx and 4xx, and occasional 5xx, with inventory the most degraded', async () => {
    const { metrics } = tenMinutes;
    const share = async (service: string, c: string) =>
      (await total(metrics, 'envoy_http_downstream_rq_xx', { ...ingress(service), envoy_response_code_class: c })) /
      (await total(metrics, 'envoy_http_downstream_rq_total', ingress(service)));

    expect(await share('frontend', '2')).toBeGreaterThan(0.9);
    expect(await share('frontend', '3')).toBeGreaterThan(0.01);
    expect(await share('frontend', '4')).toBeGreaterThan(0.02);
    expect(await share('frontend', '5')).toBeGreaterThan(0.01); // mostly inventory's 5xx passed on
    expect(await share('frontend', '5')).toBeLessThan(0.05);
    expect(await share('inventory', '5')).toBeGreaterThan(0.02);
    expect(await share('inventory', '5')).toBeGreaterThan(await share('catalog', '5'));
  });

  it('gives log-normal latencies in milliseconds, callers slower than callees and inventory with the longest tail', async () => {
    const { metrics } = tenMinutes;
    const p = (service: string, q: number) => quantile(metrics, 'envoy_http_downstream_rq_time', ingress(service), q);

    expect(await p('inventory', 0.5)).toBeGreaterThan(15);
    expect(await p('inventory', 0.5)).toBeLessThan(50);
    expect(await p('frontend', 0.5)).toBeGreaterThan(await p('catalog', 0.5));
    expect((await p('inventory', 0.99)) / (await p('inventory', 0.5))).toBeGreaterThan(
      (await p('frontend', 0.99)) / (await p('frontend', 0.5)),
    );
    expect(await p('frontend', 0.99)).toBeLessThan(1000);
  });

  it('counts every call twice, consistently: on the caller egress cluster and on the callee ingress listener', async () => {
    const { metrics } = simulate(120);
    const calls = await total(metrics, 'envoy_cluster_upstream_rq_total', {
      service: 'catalog',
      envoy_cluster_name: egressCluster('demo', 'inventory'),
    });
    expect(calls).toBeGreaterThan(0);
    expect(await total(metrics, 'envoy_http_downstream_rq_total', ingress('inventory'))).toBe(calls);
    expect(await total(metrics, 'envoy_http_downstream_rq_total', { service: 'catalog', envoy_http_conn_manager_prefix: 'egress' })).toBe(
      calls,
    );
    expect(
      await total(metrics, 'envoy_cluster_upstream_rq_total', {
        service: 'inventory',
        envoy_cluster_name: ingressCluster('demo', 'inventory'),
      }),
    ).toBe(calls);
  });

  it('creates every status class at zero before any traffic, labelled as the App Mesh scrape job labels sidecars', async () => {
    // given no step yet
    const metrics = createEnvoyMetrics();
    createTrafficSimulator(metrics, syntheticMesh, seededRng(1));

    // then
    const text = await metrics.registry.metrics();
    for (const c of ['2', '3', '4', '5']) {
      expect(text).toContain(
        `envoy_cluster_upstream_rq_xx{namespace="web",service="frontend",kubernetes_pod_name="frontend-6b8d7c9f5-x2k4p",envoy_cluster_name="cds_egress_demo_catalog_http_8080",envoy_response_code_class="${c}"} 0`,
      );
    }
    expect(text).toContain(
      'envoy_http_downstream_rq_total{namespace="shop",service="inventory",kubernetes_pod_name="inventory-5c9b8a7d6-k7d3s",envoy_http_conn_manager_prefix="ingress"} 0',
    );
  });

  it('flaps one inventory endpoint unhealthy for 20 s of every minute, as catalog sidecars see it', async () => {
    const metrics = createEnvoyMetrics();
    const sim = createTrafficSimulator(metrics, syntheticMesh, seededRng(3));
    const seen = {
      service: 'catalog',
      kubernetes_pod_name: 'catalog-7f6c5d4b8-c3v8n',
      envoy_cluster_name: egressCluster('demo', 'inventory'),
    };

    sim.step(0.2, 65);
    expect([
      await total(metrics, 'envoy_cluster_membership_healthy', seen),
      await total(metrics, 'envoy_cluster_membership_total', seen),
    ]).toEqual([1, 2]);
    sim.step(0.2, 90);
    expect(await total(metrics, 'envoy_cluster_membership_healthy', seen)).toBe(2);
  });

  it('keeps connections: active ones at least the idle pool, new ones far fewer than requests', async () => {
    const { metrics } = simulate(120);
    const labels = { ...ingress('frontend'), kubernetes_pod_name: 'frontend-6b8d7c9f5-x2k4p' };
    expect(await total(metrics, 'envoy_http_downstream_cx_active', labels)).toBeGreaterThanOrEqual(4);
    const requests = await total(metrics, 'envoy_http_downstream_rq_total', labels);
    expect(await total(metrics, 'envoy_http_downstream_cx_total', labels)).toBeLessThan(requests / 10);
  });

  it('replays the same traffic for the same seed', async () => {
    expect(await simulate(30, 7).metrics.registry.metrics()).toBe(await simulate(30, 7).metrics.registry.metrics());
  });
});
