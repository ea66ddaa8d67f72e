import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..', '..');
export const bin = join(root, 'apps', 'cli', 'bin', 'o11y.js');

/** Builds an environment once if its artifacts are missing (a fresh clone). */
export function ensureBuilt(environment: string): string {
  const dir = join(root, 'dist', environment);
  if (!existsSync(join(dir, 'manifest.json'))) execFileSync('node', [bin, 'build', environment], { cwd: root, stdio: 'ignore' });
  return dir;
}

interface ManifestLike {
  environment: string;
  grafana: unknown;
  resources: { kind: string; uid: string; path: string; env?: string[]; folder?: string; title?: string; hash: string }[];
}

/** A copy of an environment's artifacts that a test may change. */
export function copyDist(environment: string, edit?: (m: ManifestLike, dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), `o11y-dist-${environment}-`));
  cpSync(ensureBuilt(environment), dir, { recursive: true });
  if (edit) {
    const file = join(dir, 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8')) as ManifestLike;
    edit(m, dir);
    writeFileSync(file, JSON.stringify(m, null, 2));
  }
  return dir;
}

export function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** `count` generated dashboards in `folders` folders: what the kill test and the benchmark publish. */
export function generatedDist(count: number, folders: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-dist-generated-'));
  const resources: ManifestLike['resources'] = [];
  const write = (path: string, body: unknown) => {
    execFileSync('mkdir', ['-p', join(dir, path, '..')]);
    writeFileSync(join(dir, path), JSON.stringify(body, null, 2));
  };
  for (let f = 0; f < folders; f++) {
    const uid = `gen-folder-${f}`;
    write(`grafana/folders/${uid}.json`, { uid, title: `Generated ${f}` });
    resources.push({ kind: 'folder', uid, title: `Generated ${f}`, path: `grafana/folders/${uid}.json`, hash: '' });
  }
  for (let i = 0; i < count; i++) {
    const uid = `gen-dash-${i}`;
    const folder = `gen-folder-${i % folders}`;
    const model = {
      uid,
      title: `Generated dashboard ${i}`,
      schemaVersion: 41,
      tags: ['generated'],
      time: { from: 'now-1h', to: 'now' },
      panels: Array.from({ length: 6 }, (_, p) => ({
        id: p + 1,
        type: 'timeseries',
        title: `Panel ${p}`,
        gridPos: { h: 8, w: 12, x: (p % 2) * 12, y: Math.floor(p / 2) * 8 },
        targets: [{ refId: 'A', expr: `rate(http_requests_total{dashboard="${i}",panel="${p}"}[5m])` }],
      })),
    };
    write(`grafana/dashboards/${uid}.json`, model);
    resources.push({ kind: 'dashboard', uid, title: model.title, folder, path: `grafana/dashboards/${uid}.json`, hash: '' });
  }
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify(
      { environment: 'generated', grafana: { kind: 'self-hosted', url: 'http://localhost:3000', version: '12.4.2' }, resources },
      null,
      2,
    ),
  );
  return dir;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a user would, asynchronously (the double keeps answering meanwhile). */
export function o11y(args: string[], env: Record<string, string | undefined>): Promise<CliRun> & { pid?: number } {
  const child = spawn('node', [bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
  return Object.assign(done, { pid: child.pid });
}

/** Basic-auth JSON request straight to the server, as a user's script or the UI would send it. */
export async function api<T = unknown>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  auth = 'admin:admin',
): Promise<{ status: number; json: T }> {
  const res = await fetch(new URL(path, url), {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(auth).toString('base64')}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
}

/** A token of a new service account with `role`, made through the server's API as an admin would. */
export async function serviceAccountToken(url: string, role: 'Viewer' | 'Editor' | 'Admin'): Promise<string> {
  const name = `e2e-${role.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`;
  const account = await api<{ id: number }>(url, 'POST', '/api/serviceaccounts', { name, role });
  if (account.status !== 201) throw new Error(`service account: ${account.status} ${JSON.stringify(account.json)}`);
  const token = await api<{ key: string }>(url, 'POST', `/api/serviceaccounts/${account.json.id}/tokens`, { name: 'e2e' });
  if (token.status !== 200) throw new Error(`token: ${token.status} ${JSON.stringify(token.json)}`);
  return token.json.key;
}

/** A self-signed certificate for 127.0.0.1 made by openssl; undefined (with the reason printed) without openssl. */
export function selfSignedCertificate(): { key: string; cert: string; certFile: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
  } catch (e) {
    console.log(`TLS test skipped: openssl could not make a self-signed certificate (${(e as Error).message})`);
    return undefined;
  }
  const certFile = join(dir, 'cert.pem');
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

/**
 * An HTTP(S) server in front of `target` that forwards every request; `answer` may answer some itself
 * (e.g. what an older server would say on /api/health).
 */
export async function proxyServer(
  target: string,
  options: { tls?: { key: string; cert: string }; answer?: (path: string) => unknown } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const own = options.answer?.(req.url ?? '/');
    if (own !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(own));
      return;
    }
    const upstream = httpRequest(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  const server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
