import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaDouble, type GrafanaDoubleProcess } from '@o11y/grafana-double';
import { copyDist, o11y } from './fixtures.js';

/** Every failure is one line on stderr, starting with `error: ` and naming the environment, and a non-zero exit. */
function expectOneLine(r: { status: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.status).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: local/);
  expect(lines[0]).toMatch(pattern);
}

describe('o11y publish errors', () => {
  let double: GrafanaDoubleProcess;
  let html: Server;
  let htmlUrl: string;
  let dist: string;

  beforeAll(async () => {
    double = await startGrafanaDouble({ version: '12.4.2' });
    html = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html>login</html>'));
    await new Promise<void>((r) => html.listen(0, '127.0.0.1', r));
    htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;
    // Data sources, folders and dashboards: what every imitated version serves.
    dist = copyDist('local', (m) => {
      m.resources = m.resources.filter((r) => ['folder', 'datasource', 'dashboard'].includes(r.kind));
    });
  }, 60_000);
  afterAll(async () => {
    await double.stop();
    html.close();
  });

  const publish = (env: Record<string, string>) =>
    o11y(['publish', 'local', '--dist-dir', dist], { GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin', ...env });

  it('names a URL that answers HTML instead of the API', async () => {
    expectOneLine(await publish({ GRAFANA_URL: htmlUrl }), /answered GET \/api\/health with HTML .*not the Grafana API/);
  });

  it('names a refused connection', async () => {
    expectOneLine(await publish({ GRAFANA_URL: 'http://127.0.0.1:1' }), /connection refused by 127\.0\.0\.1:1/);
  });

  it('names a host that does not resolve', async () => {
    expectOneLine(await publish({ GRAFANA_URL: 'http://grafana.invalid' }), /host grafana\.invalid not found \(DNS\)/);
  });

  it('names rejected credentials', async () => {
    expectOneLine(await publish({ GRAFANA_URL: double.url, GRAFANA_PASSWORD: 'wrong' }), /401 token or credentials rejected/);
  });

  it('names every missing environment variable before writing anything', async () => {
    // given: the aws environment needs account values from the environment
    const aws = copyDist('aws');
    await double.resetRequests();

    // when
    const r = await o11y(['plan', 'aws', '--dist-dir', aws], {
      GRAFANA_URL: double.url,
      GRAFANA_USER: 'admin',
      GRAFANA_PASSWORD: 'admin',
      AWS_REGION: '',
      AMP_WORKSPACE_ID: '',
    });

    // then
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(
      /^error: aws: environment variables not set: .*AMP_WORKSPACE_ID \(datasource amp\).*AWS_REGION \(.*\); nothing was written$/,
    );
    expect((await double.requests()).filter((q) => q.wrote)).toEqual([]);
  });

  it('exits 2 with --detailed-exitcode when there are changes, 0 without', async () => {
    const r = await o11y(['plan', 'local', '--dist-dir', dist, '--detailed-exitcode'], {
      GRAFANA_URL: double.url,
      GRAFANA_USER: 'admin',
      GRAFANA_PASSWORD: 'admin',
    });
    expect(r.stdout).toMatch(/Plan: \d+ to create/);
    expect(r.status).toBe(2);
  });
});
