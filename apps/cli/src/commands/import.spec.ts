import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', '..', 'bin', 'o11y.js');
const workspace = join(import.meta.dirname, '..', '..', '..', '..');
const fixture = join(workspace, 'libs', 'dashboard-import', 'test', 'fixtures', 'xray-sample.json');
/** Inside the workspace, so generated projects resolve @o11y/* packages. */
const outDir = join(workspace, 'dist', 'cli-import-test');

/** Runs the CLI without blocking this process (the fake Grafana below must keep answering). */
async function o11y(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run('node', [bin, ...args], {
      cwd: workspace,
      env: { ...process.env, GRAFANA_TOKEN: '', GRAFANA_USER: '', ...env },
    });
    return { status: 0, stdout, stderr };
  } catch (e) {
    const r = e as { code: number; stdout: string; stderr: string };
    return { status: r.code, stdout: r.stdout, stderr: r.stderr };
  }
}

describe('o11y import <file.json>', () => {
  beforeAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes a dashboard project and prints the conversion report', async () => {
    // when
    const r = await o11y(['import', fixture, '--into', 'dist/cli-import-test/xray-sample']);

    // then
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^imported "X-Ray sample \(ho11y\)" \(uid X-M5Ssc7z\)$/m);
    expect(r.stdout).toMatch(/changed data source "AWS X-Ray eu-west-1" \(grafana-x-ray-datasource\) -> \$datasource \(variable added\)/);
    expect(r.stdout).toMatch(/round trip: \d+ differences, 0 unexplained/);
    const dir = join(outDir, 'xray-sample');
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toMatchObject({
      name: '@o11y/dashboard-xray-sample',
      nx: { name: 'dashboard-xray-sample' },
    });
    expect(readFileSync(join(dir, 'src', 'panels.ts'), 'utf8')).toContain("xrayServiceMap('\\n')");
    expect(JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).extends).toBe('../../../tsconfig.base.json');
  }, 60_000);

  it('refuses to replace an existing folder without --force', async () => {
    // given
    mkdirSync(join(outDir, 'taken'), { recursive: true });

    // when
    const r = await o11y(['import', fixture, '--into', 'dist/cli-import-test/taken']);

    // then
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('error: dist/cli-import-test/taken exists; pass --force to replace it\n');
    expect(existsSync(join(outDir, 'taken', 'package.json'))).toBe(false);
    expect((await o11y(['import', fixture, '--into', 'dist/cli-import-test/taken', '--force'])).status).toBe(0);
  }, 60_000);

  it('names the construct when a dashboard cannot be imported', async () => {
    const r = await o11y([
      'import',
      join(workspace, 'libs', 'dashboard-import', 'test', 'fixtures', 'worldmap.json'),
      '--into',
      'dist/cli-import-test/worldmap',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: panel 7 "Foo": panel type "grafana-worldmap-panel" has no current equivalent/);
  }, 60_000);
});

/**
 * The URL form against a tiny HTTP server with canned answers: this tests the transport and its
 * error messages, not Grafana (none can run here).
 */
describe('o11y import <grafana-url>/<uid> (fake Grafana)', () => {
  let server: Server;
  let base = '';
  const seen: Array<{ url?: string; authorization?: string }> = [];

  beforeAll(async () => {
    const dashboard = JSON.parse(readFileSync(fixture, 'utf8'));
    server = createServer((req, res) => {
      seen.push({ url: req.url, authorization: req.headers.authorization });
      if (!req.headers.authorization) return void res.writeHead(401).end('{"message":"Unauthorized"}');
      if (req.url === '/grafana/api/dashboards/uid/X-M5Ssc7z') {
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ dashboard, meta: { slug: 'x' } }));
      }
      if (req.url === '/grafana/api/dashboards/uid/html')
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
      res.writeHead(404).end('{"message":"Dashboard not found"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/grafana`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('fetches /api/dashboards/uid/<uid> with the bearer token and imports the dashboard', async () => {
    const r = await o11y(['import', `${base}/d/X-M5Ssc7z/x-ray-sample`, '--into', 'dist/cli-import-test/from-url', '--force'], {
      GRAFANA_TOKEN: 'secret',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^imported "X-Ray sample \(ho11y\)"/m);
    expect(seen.at(-1)).toEqual({ url: '/grafana/api/dashboards/uid/X-M5Ssc7z', authorization: 'Bearer secret' });
  }, 60_000);

  it('uses basic auth from GRAFANA_USER and GRAFANA_PASSWORD', async () => {
    await o11y(['import', `${base}/X-M5Ssc7z`, '--into', 'dist/cli-import-test/basic', '--force'], {
      GRAFANA_USER: 'admin',
      GRAFANA_PASSWORD: 'pw',
    });
    expect(seen.at(-1)?.authorization).toBe(`Basic ${Buffer.from('admin:pw').toString('base64')}`);
  }, 60_000);

  it.each([
    [
      '401',
      (b: string) => `${b}/X-M5Ssc7z`,
      {},
      (b: string) => `error: Grafana at ${b} refused the request (401): set GRAFANA_TOKEN or GRAFANA_USER/GRAFANA_PASSWORD\n`,
    ],
    ['404', (b: string) => `${b}/nope`, { GRAFANA_TOKEN: 't' }, (b: string) => `error: no dashboard with uid "nope" at ${b} (404)\n`],
    [
      'non-JSON',
      (b: string) => `${b}/html`,
      { GRAFANA_TOKEN: 't' },
      (b: string) => `error: ${b}/api/dashboards/uid/html did not return JSON (is ${b} a Grafana URL?)\n`,
    ],
  ])(
    'explains a %s answer in one line',
    async (_, url, env, message) => {
      const r = await o11y(['import', url(base), '--into', 'dist/cli-import-test/failing', '--force'], env);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(message(base));
    },
    60_000,
  );

  it('explains a refused connection in one line', async () => {
    // given: a port nothing listens on
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));

    // when
    const r = await o11y(['import', `http://127.0.0.1:${port}/abc`, '--into', 'dist/cli-import-test/refused', '--force'], {
      GRAFANA_TOKEN: 't',
    });

    // then
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`error: cannot reach Grafana at http://127.0.0.1:${port}: connection refused\n`);
  }, 60_000);
});
