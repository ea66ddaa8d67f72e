import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGrafanaDouble } from './index.js';
import { call, client } from '../test/client.js';

const workspaceRoot = join(import.meta.dirname, '../../..');

describe('the grafana-double process', () => {
  it('given the npm script command (tsx main.ts), then it prints one ready line with its URL and exits 0 on SIGTERM', async () => {
    const tsx = join(workspaceRoot, 'node_modules/.bin/tsx');
    const child = spawn(tsx, ['libs/grafana-double/src/main.ts', '--port', '0', '--grafana-version', '11.6.1'], {
      cwd: workspaceRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line: ${output}`)), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found =
          /^grafana-double \(a test stand-in for the Grafana HTTP API, imitating 11\.6\.1\) listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(
            output,
          );
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      });
    });
    expect((await call(url, 'GET', '/api/health', undefined, 'none')).body).toEqual({
      commit: 'ae23ead4d9',
      database: 'ok',
      version: '11.6.1',
    });
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(output.trim().split('\n')).toHaveLength(1);
  });

  it('given no data directory, when stopped, then the temporary one it made is removed; a given one is kept', async () => {
    const own = await startGrafanaDouble();
    expect(existsSync(own.dataDir)).toBe(true);
    await own.stop();
    expect(existsSync(own.dataDir)).toBe(false);

    const given = mkdtempSync(join(tmpdir(), 'grafana-double-given-'));
    const theirs = await startGrafanaDouble({ dataDir: given });
    await theirs.stop();
    expect(existsSync(given)).toBe(true);
    rmSync(given, { recursive: true, force: true });
  });

  it('given committed writes, when killed with SIGKILL and restarted on the same data directory, then every write is kept', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'grafana-double-kill-'));
    const first = await startGrafanaDouble({ dataDir });
    const api = client(first.url);
    await api.post('/api/folders', { uid: 'kept', title: 'Kept' });
    for (let i = 0; i < 20; i++) {
      expect((await api.post('/api/dashboards/db', { dashboard: { uid: `d${i}`, title: `D ${i}` }, folderUid: 'kept' })).status).toBe(200);
    }
    await api.post('/api/datasources', { uid: 'p', name: 'P', type: 'prometheus', secureJsonData: { token: 'x' } });
    await first.kill();
    const second = await first.restart();
    try {
      const again = client(second.url);
      expect((await again.get('/api/search?type=dash-db&folderUIDs=kept')).body).toHaveLength(20);
      expect((await again.get('/api/datasources/uid/p')).body.secureJsonFields).toEqual({ token: true });
      expect(second.dataDir).toBe(dataDir);
      expect(second.pid).not.toBe(first.pid);
    } finally {
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('given --grafana-version, then health and frontend settings report it', async () => {
    const double = await startGrafanaDouble({ version: '13.0.2' });
    try {
      expect((await call(double.url, 'GET', '/api/health', undefined, 'none')).body.version).toBe('13.0.2');
      const settings = await client(double.url).get('/api/frontend/settings');
      expect(settings.body.buildInfo).toMatchObject({ version: '13.0.2', commit: '3fcdbc5a6e' });
    } finally {
      await double.stop();
    }
  });

  it('given --latency-ms, then every API answer waits at least that long', async () => {
    const double = await startGrafanaDouble({ latencyMs: 150 });
    try {
      const started = performance.now();
      expect((await call(double.url, 'GET', '/api/health')).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    } finally {
      await double.stop();
    }
  });

  it('given an unsupported version, then it exits with one clear line', async () => {
    await expect(startGrafanaDouble({ version: '9.4.7' })).rejects.toThrow(/9\.4\.7 is not imitated/);
  });
});
