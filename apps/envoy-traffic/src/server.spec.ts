import { afterEach, describe, expect, it } from 'vitest';
import { createEnvoyMetrics } from './envoy-metrics.js';
import { seededRng } from './random.js';
import { startEnvoyStatsServer, type EnvoyStatsServer } from './server.js';
import { syntheticMesh } from './topology.js';
import { createTrafficSimulator } from './traffic.js';

describe('startEnvoyStatsServer', () => {
  let server: EnvoyStatsServer | undefined;
  afterEach(async () => server?.close());

  it('serves the stats on /stats/prometheus and /metrics, LIVE on /ready, 404 elsewhere', async () => {
    // given a real server on a free loopback port with one second of traffic
    const metrics = createEnvoyMetrics();
    createTrafficSimulator(metrics, syntheticMesh, seededRng(5)).step(1, 1);
    server = await startEnvoyStatsServer(metrics.registry, '127.0.0.1', 0);

    // when
    const stats = await fetch(`http://${server.address}/stats/prometheus`);
    const alias = await fetch(`http://${server.address}/metrics`);
    const ready = await fetch(`http://${server.address}/ready`);
    const other = await fetch(`http://${server.address}/clusters`);

    // then
    expect(stats.status).toBe(200);
    expect(stats.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await stats.text();
    expect(text).toMatch(
      /^envoy_http_downstream_rq_total\{namespace="web",service="frontend",kubernetes_pod_name="[^"]+",envoy_http_conn_manager_prefix="ingress"\} [1-9]/m,
    );
    expect(await alias.text()).toContain('envoy_cluster_membership_total');
    expect([ready.status, await ready.text()]).toEqual([200, 'LIVE\n']);
    expect(other.status).toBe(404);
  });
});
