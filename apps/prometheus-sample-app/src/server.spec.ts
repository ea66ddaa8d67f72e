import { afterEach, describe, expect, it } from 'vitest';
import { defaultSampleAppOptions } from './flags.js';
import { createSampleMetrics } from './sample-metrics.js';
import { startSampleServer, type SampleServer } from './server.js';

describe('startSampleServer', () => {
  let server: SampleServer | undefined;
  afterEach(async () => server?.close(1000));

  it('answers / with 200 "healthy" and serves the exposition on /metrics', async () => {
    // given a real server on a free loopback port
    const metrics = createSampleMetrics({ ...defaultSampleAppOptions, metricCount: 2 });
    metrics.types.forEach((t) => metrics.update(t));
    server = await startSampleServer(metrics.registry, '127.0.0.1:0');

    // when
    const health = await fetch(`http://${server.address}/`);
    const other = await fetch(`http://${server.address}/anything`);
    const exposition = await fetch(`http://${server.address}/metrics`);

    // then
    expect([health.status, await health.text()]).toEqual([200, 'healthy']);
    expect([other.status, await other.text()]).toEqual([200, 'healthy']);
    expect(exposition.status).toBe(200);
    expect(exposition.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await exposition.text();
    expect(text).toContain('test_counter1{datapoint_id="0",foo_0="bar_0"}');
    expect(text).toContain('test_summary1{quantile="0.99",datapoint_id="0",foo_0="bar_0"}');
    expect(text).not.toMatch(/^process_/m);
  });

  it('reports the port it bound and frees it on close', async () => {
    const metrics = createSampleMetrics(defaultSampleAppOptions);
    const s = await startSampleServer(metrics.registry, '127.0.0.1:0');
    expect(s.address).toMatch(/^127\.0\.0\.1:\d+$/);
    await s.close();
    await expect(fetch(`http://${s.address}/`)).rejects.toThrow();
  });
});
