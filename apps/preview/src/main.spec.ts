import { findWorkspaceRoot } from '@o11y/artifacts';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pidAlive } from './child-process.js';
import { isListening } from './ports.js';

const root = findWorkspaceRoot(import.meta.dirname);
const main = join(import.meta.dirname, 'main.ts');

/** `npm run preview` as a user runs it, on a free Prometheus port, with its own lock file and output folder. */
function startPreview(lockFile: string, outDir: string, ...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', main, '--prometheus-listen=127.0.0.1:0', `--out-dir=${outDir}`, ...args], {
    cwd: root,
    env: { ...process.env, O11Y_PREVIEW_LOCK: lockFile, PROMETHEUS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // its own process group, so a test that fails half-way can end the preview and everything it started
    detached: true,
  });
  const output = { out: '', err: '' };
  child.stdout!.on('data', (c: Buffer) => (output.out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output.err += c.toString()));
  return { child, output };
}

function waitForOutput(p: ReturnType<typeof startPreview>, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "${pattern}" within ${timeoutMs} ms:\n${p.output.out}\n${p.output.err}`)),
      timeoutMs,
    );
    const check = () => {
      if (pattern.test(p.output.out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    p.child.stdout!.on('data', check);
    p.child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}:\n${p.output.out}\n${p.output.err}`));
    });
    check();
  });
}

/** SIGKILL to the preview and every process it started (they share its process group). */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

describe('npm run preview', () => {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-preview-main-'));
  const lockFile = join(dir, 'preview.lock');
  const outDir = join(dir, 'local');
  const started: ChildProcess[] = [];
  afterAll(() => {
    for (const c of started) if (c.pid && c.exitCode === null && c.signalCode === null) killGroup(c.pid);
    rmSync(dir, { recursive: true, force: true });
  });

  it('says what runs where, refuses a second run, and leaves nothing running after Ctrl-C', async () => {
    // given a running preview
    const first = startPreview(lockFile, outDir);
    started.push(first.child);
    await waitForOutput(first, /Press Ctrl-C to stop everything\./, 90_000);
    const out = first.output.out;

    // then it says Grafana is not available, where the dashboards and Prometheus are, and the empty panels
    expect(out).toContain('Grafana:    not available yet: no Grafana server can be obtained on this machine and the publisher is pending.');
    expect(out).toMatch(
      /Dashboards: .*grafana\/dashboards \(eks-node-groups, envoy-proxy, metrics-pipeline, prometheus-sample-app, xray-services\)/,
    );
    expect(readdirSync(join(outDir, 'grafana', 'dashboards')).sort()).toEqual([
      'eks-node-groups.json',
      'envoy-proxy.json',
      'metrics-pipeline.json',
      'prometheus-sample-app.json',
      'xray-services.json',
    ]);
    const prometheusUrl = /Prometheus: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    expect((await fetch(`${prometheusUrl}/-/ready`)).status).toBe(200);
    expect(out.match(/No local source/g)).toHaveLength(1);
    expect(out).toMatch(/eks-node-groups\): "Nodes", .*kube-state-metrics/);
    expect(out).toMatch(/xray-services\): every panel \(6\)/);
    const pids = [...out.matchAll(/\(pid (\d+)\)/g)].map((m) => Number(m[1]));
    expect(out).toContain("Collector:  the recipe's metrics pipeline (otelcol)");
    expect(pids).toHaveLength(5);
    const dataDir = /Data: +(\S+)/.exec(out)![1]!;

    // when a second preview starts
    const second = startPreview(lockFile, join(dir, 'second'));
    started.push(second.child);
    const [secondCode] = await once(second.child, 'exit');

    // then it says so and exits 1
    expect(secondCode).toBe(1);
    expect(second.output.err).toContain(`a preview is already running (pid ${first.child.pid}) with Prometheus at ${prometheusUrl}`);

    // when the first gets Ctrl-C
    first.child.kill('SIGINT');
    const [firstCode] = await once(first.child, 'exit');

    // then everything it started is gone
    expect(firstCode).toBe(0);
    expect(first.output.out).toContain('stopped; nothing left running, data directory removed');
    expect(pids.filter(pidAlive)).toEqual([]);
    expect(await isListening(Number(new URL(prometheusUrl).port))).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
    expect(existsSync(lockFile)).toBe(false);
  }, 180_000);
});
