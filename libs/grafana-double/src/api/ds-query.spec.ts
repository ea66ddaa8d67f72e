import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort, resolveTool } from '@o11y/workspace-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaDouble, type GrafanaDoubleProcess } from '../index.js';
import { client, tokenWithRole } from '../../test/client.js';

/** The pinned Prometheus (.tools/bin) scraping itself every second, its TSDB in a temporary directory; ready after three scrapes. */
async function startPrometheus(): Promise<{ url: string; stop: () => Promise<void> }> {
  // Throws one line naming scripts/install-tools.sh when it is missing.
  const binary = resolveTool('prometheus').path;
  const dir = mkdtempSync(join(tmpdir(), 'double-ds-query-'));
  const port = await freeLoopbackPort();
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global: { scrape_interval: 1s }\nscrape_configs: [{ job_name: self, static_configs: [{ targets: ['127.0.0.1:${port}'] }] }]\n`,
  );
  const child: ChildProcess = spawn(
    binary,
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: 'ignore' },
  );
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const failed = await Promise.race([spawnError, new Promise<undefined>((r) => setTimeout(r, 250, undefined))]);
    if (failed) {
      await stop();
      throw new Error(`cannot run ${binary}: ${failed.message}`);
    }
    // Three samples: a range query aligned down to a 1 s step then surely holds one.
    const up = await fetch(`${url}/api/v1/query?query=${encodeURIComponent('count_over_time(up[1m]) >= 3')}`)
      .then((r) => r.json() as Promise<{ data?: { result?: unknown[] } }>)
      .catch(() => undefined);
    if ((up?.data?.result?.length ?? 0) > 0) return { url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error('prometheus did not scrape itself within 60 s');
    }
  }
}

/** A Prometheus HTTP API stand-in that records what it was asked: to see exactly what the stand-in Grafana sends. */
async function startRecorder(): Promise<{ url: string; seen: URLSearchParams[]; paths: string[]; server: Server }> {
  const seen: URLSearchParams[] = [];
  const paths: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      paths.push(`${req.method} ${req.url}`);
      seen.push(new URLSearchParams(body));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, paths, server };
}

describe('POST /api/ds/query on the stand-in, for Prometheus data sources', () => {
  let double: GrafanaDoubleProcess;
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  const api = () => client(double.url);

  beforeAll(async () => {
    [double, prometheus, recorder] = await Promise.all([startGrafanaDouble(), startPrometheus(), startRecorder()]);
    await api().post('/api/datasources', {
      uid: 'prom',
      name: 'Prometheus',
      type: 'prometheus',
      access: 'proxy',
      url: prometheus.url,
      jsonData: { timeInterval: '1s' },
    });
    await api().post('/api/datasources', {
      uid: 'rec',
      name: 'Recorder',
      type: 'prometheus',
      access: 'proxy',
      url: recorder.url,
      jsonData: { timeInterval: '15s' },
    });
    await api().post('/api/datasources', { uid: 'loki', name: 'Loki', type: 'loki', access: 'proxy' });
  }, 90_000);
  afterAll(async () => {
    await double?.stop();
    await prometheus?.stop();
    recorder?.server.close();
  });

  const now = () => Date.now();
  const body = (queries: object[], rangeMs = 60_000) => ({ from: String(now() - rangeMs), to: String(now()), queries });

  it('given a real Prometheus, when up is queried as range and instant, then frames with values come back per refId', async () => {
    // when
    const res = await api().post(
      '/api/ds/query',
      body([
        { refId: 'A', datasource: { uid: 'prom', type: 'prometheus' }, expr: 'up', range: true, intervalMs: 1000, maxDataPoints: 100 },
        {
          refId: 'B',
          datasource: { uid: 'prom', type: 'prometheus' },
          expr: 'sum(rate(prometheus_http_requests_total[$__rate_interval]))',
          instant: true,
          intervalMs: 1000,
          maxDataPoints: 100,
        },
        {
          refId: 'C',
          datasource: { uid: 'prom', type: 'prometheus' },
          expr: 'no_such_metric',
          range: true,
          intervalMs: 1000,
          maxDataPoints: 100,
        },
      ]),
    );

    // then
    expect(res.status).toBe(200);
    const { A, B, C } = res.body.results;
    expect(A.status).toBe(200);
    expect(A.frames[0].schema.fields.map((f: { name: string }) => f.name)).toEqual(['Time', 'Value']);
    expect(A.frames[0].schema.fields[1].labels).toMatchObject({ job: 'self' });
    expect(A.frames[0].data.values[1].some((v: unknown) => typeof v === 'number')).toBe(true);
    // $__rate_interval = max(1s + 1s, 4 x 1s) = 4s
    expect(B.frames[0].schema.meta.executedQueryString).toContain('[4s]');
    expect(B.frames[0].data.values[0]).toHaveLength(1);
    expect(C.frames).toHaveLength(1);
    expect(C.frames[0].schema.fields).toEqual([]);
  });

  it('given PromQL that does not parse, then 400 with the error on that refId only', async () => {
    const res = await api().post(
      '/api/ds/query',
      body([
        { refId: 'A', datasource: { uid: 'prom' }, expr: 'up', intervalMs: 1000, maxDataPoints: 100 },
        { refId: 'B', datasource: { uid: 'prom' }, expr: 'sum(', intervalMs: 1000, maxDataPoints: 100 },
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.body.results.A.error).toBeUndefined();
    expect(res.body.results.B).toMatchObject({ status: 400, error: expect.stringMatching(/^bad_data: /) });
  });

  it('sends Prometheus the step, aligned range and substituted macros that promlib computes', async () => {
    // given: the data source says 15s, the frontend's interval is 20s over one hour
    recorder.seen.length = 0;
    const to = 1_700_000_012_345;
    const from = to - 3_600_000;

    // when
    await api().post('/api/ds/query', {
      from: String(from),
      to: String(to),
      queries: [
        {
          refId: 'A',
          datasource: { uid: 'rec' },
          expr: 'rate(x[$__rate_interval]) / $__range_s',
          range: true,
          intervalMs: 20_000,
          maxDataPoints: 180,
        },
      ],
    });

    // then: step 20s; start and end rounded down to it; $__rate_interval = max(20s + 15s, 60s)
    expect(recorder.paths).toEqual(['POST /api/v1/query_range']);
    const sent = Object.fromEntries(recorder.seen[0]!);
    expect(sent).toEqual({
      query: 'rate(x[1m0s]) / 3600',
      start: String(Math.floor(from / 20_000) * 20),
      end: String(Math.floor(to / 20_000) * 20),
      step: '20',
    });
  });

  it('refuses a query without a data source, an unknown data source, and answers per query for plugins it cannot run', async () => {
    expect((await api().post('/api/ds/query', body([{ refId: 'A', expr: 'up' }]))).status).toBe(400);
    expect((await api().post('/api/ds/query', body([]))).body).toEqual({ message: 'No queries found' });
    expect((await api().post('/api/ds/query', body([{ refId: 'A', datasource: { uid: 'nope' }, expr: 'up' }]))).status).toBe(404);
    const loki = await api().post('/api/ds/query', body([{ refId: 'A', datasource: { uid: 'loki' } }]));
    expect(loki.status).toBe(400);
    expect(loki.body.results.A.error).toMatch(/stand-in runs queries for Prometheus data sources only/);
  });

  it('lets a Viewer query, and nobody without credentials', async () => {
    const viewer = client(double.url, { token: await tokenWithRole(double.url, 'Viewer') });
    expect((await viewer.post('/api/ds/query', body([{ refId: 'A', datasource: { uid: 'prom' }, expr: 'up' }]))).status).toBe(200);
    expect(
      (await client(double.url, 'none').post('/api/ds/query', body([{ refId: 'A', datasource: { uid: 'prom' }, expr: 'up' }]))).status,
    ).toBe(401);
  });
});
