import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaDouble, type GrafanaDoubleProcess } from '@o11y/grafana-double';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, copyDist, generatedDist, o11y, proxyServer, selfSignedCertificate, serviceAccountToken } from '../../test/e2e-fixtures.js';

/** Every failure is one line on stderr, starting with `error: ` and naming the environment, and a non-zero exit. */
function expectOneLine(r: { status: number | null; stdout: string; stderr: string }, pattern: RegExp, environment = 'local'): void {
  expect(r.status, r.stdout + r.stderr).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^error: ${environment}[ :]`));
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

  it.each(['Viewer', 'Editor'] as const)('names the role a token of a %s service account lacks (403)', async (role) => {
    // given: a service account token with a role too small to publish data sources and alerting
    const token = await serviceAccountToken(double.url, role);

    // when
    const r = await o11y(['publish', 'local', '--dist-dir', dist], { GRAFANA_URL: double.url, GRAFANA_TOKEN: token });

    // then
    expectOneLine(r, /: GET \/api\/\S+: 403 permission denied \(.+\); the token needs the Admin .*role$/);
    expect(r.stderr).not.toContain(token);
  });

  it('names a server that does not answer in time, after retrying', async () => {
    // given: a server that accepts connections and never answers
    let requests = 0;
    const silent = createServer(() => requests++);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    try {
      // when
      const r = await publish({
        GRAFANA_URL: `http://127.0.0.1:${port}`,
        O11Y_PUBLISH_TIMEOUT_MS: '300',
        O11Y_PUBLISH_MIN_BACKOFF_MS: '10',
      });

      // then
      expectOneLine(r, new RegExp(`local version check: 127\\.0\\.0\\.1:${port} did not answer in time \\(after 300 ms`));
      expect(requests).toBeGreaterThan(1);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('names a certificate it cannot verify, and --ca-file makes it work', async (t) => {
    // given: the stand-in behind HTTPS with a self-signed certificate
    const tls = selfSignedCertificate();
    if (!tls) return t.skip();
    const https = await proxyServer(double.url, { tls });
    try {
      // when
      const refused = await o11y(['plan', 'local', '--dist-dir', dist], {
        GRAFANA_URL: https.url,
        GRAFANA_USER: 'admin',
        GRAFANA_PASSWORD: 'admin',
      });
      const trusted = await o11y(['plan', 'local', '--dist-dir', dist, '--ca-file', tls.certFile], {
        GRAFANA_URL: https.url,
        GRAFANA_USER: 'admin',
        GRAFANA_PASSWORD: 'admin',
      });

      // then
      expectOneLine(
        refused,
        /TLS failure talking to 127\.0\.0\.1:\d+ \(\w+\): pass --ca-file, set NODE_EXTRA_CA_CERTS, or --insecure-skip-tls-verify$/,
      );
      expect(trusted.stderr).toBe('');
      expect(trusted.status).toBe(0);
      expect(trusted.stdout).toMatch(/Plan: \d+ to create/);
    } finally {
      await https.close();
    }
  });

  it('names a Grafana version too old to publish to', async () => {
    // given: a server that reports Grafana 9.5 (its /api/health and /api/frontend/settings answers)
    const old = await proxyServer(double.url, {
      answer: (path) =>
        path.startsWith('/api/health')
          ? { commit: '0f4e9a1', database: 'ok', version: '9.5.3' }
          : path.startsWith('/api/frontend/settings')
            ? { buildInfo: { version: '9.5.3' }, featureToggles: {} }
            : undefined,
    });
    try {
      expectOneLine(await publish({ GRAFANA_URL: old.url }), /^error: local: Grafana 9\.5\.3 is too old: publishing needs 10\.4 or later$/);
    } finally {
      await old.close();
    }
  });

  it('names a folder it cannot prune because it holds alert rules made in Grafana', async () => {
    // given: an environment that published one folder, where a user then made an alert rule
    const generated = generatedDist(0, 1);
    const env = { GRAFANA_URL: double.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin', O11Y_PUBLISH_MIN_BACKOFF_MS: '10' };
    expect((await o11y(['publish', 'generated', '--dist-dir', generated], env)).status).toBe(0);
    const group = await api(double.url, 'PUT', '/api/v1/provisioning/folder/gen-folder-0/rule-groups/made-in-ui', {
      title: 'made-in-ui',
      interval: 60,
      rules: [
        {
          uid: 'made-in-ui-rule',
          title: 'Made in the UI',
          condition: 'A',
          data: [{ refId: 'A', datasourceUid: '__expr__', model: { type: 'math', expression: '1 > 0', refId: 'A' } }],
          noDataState: 'NoData',
          execErrState: 'Error',
          for: '1m',
        },
      ],
    });
    expect(group.status, JSON.stringify(group.json)).toBe(200);
    // and the folder is no longer defined
    const manifest = join(generated, 'manifest.json');
    writeFileSync(
      manifest,
      JSON.stringify({ environment: 'generated', grafana: { kind: 'self-hosted', url: '', version: '12.4.2' }, resources: [] }),
    );

    // when
    const r = await o11y(['publish', 'generated', '--dist-dir', generated, '--prune'], env);

    // then
    expectOneLine(
      r,
      /^error: generated folder gen-folder-0: cannot delete: .*not empty.*: it holds alert rules not managed here; move or delete them in Grafana first$/,
      'generated',
    );
    expect(r.stdout).toMatch(/not applied: folder gen-folder-0/);
    expect((await api(double.url, 'GET', '/api/folders/gen-folder-0')).status).toBe(200);
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
