import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, bin, ensureBuilt, readJson, root } from '../../test/e2e-fixtures.js';

type Json = Record<string, any>;

// A throwaway environment under dist/ with one TypeScript dashboard the test edits (never the real dashboards/).
const NAME = `e2e-preview-${process.pid}`;
const SRC = join(root, 'dist', `${NAME}-src`);
const DASHBOARD = join(SRC, 'dashboard.ts');
const LOCK = join(SRC, 'preview.lock');

function writeEnvironment(grafanaVersion: string): void {
  writeFileSync(
    join(SRC, 'environment.ts'),
    `import { defineEnvironment } from '@o11y/environment';
import { prometheus } from '@o11y/datasources';
import { previewDashboard } from './dashboard.js';

export const previewEnvironment = defineEnvironment({
  name: '${NAME}',
  source: import.meta.filename,
  grafana: { kind: 'self-hosted', url: 'http://localhost:3000', version: '${grafanaVersion}' },
  folders: [{ uid: 'preview-e2e-folder', title: 'Preview e2e' }],
  datasources: [prometheus({ url: 'http://localhost:9090', isDefault: true })],
  dashboards: [{ folder: 'preview-e2e-folder', dashboard: previewDashboard() }],
});
`,
  );
}

function writeDashboard(title: string, model: Json): void {
  writeFileSync(
    DASHBOARD,
    `import { defineDashboard } from '@o11y/environment';\n\nexport const previewDashboard = () => defineDashboard(import.meta.url, ${JSON.stringify({ ...model, title })});\n`,
  );
}

interface RunningCli {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs: number) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

function startPreviewCli(...args: string[]): RunningCli {
  const child = spawn(
    process.execPath,
    [
      bin,
      'preview',
      NAME,
      '--environment-file',
      join(SRC, 'environment.ts'),
      '--prometheus-listen',
      '127.0.0.1:0',
      '--scrape-interval',
      '1s',
      ...args,
    ],
    { cwd: root, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, GRAFANA_URL: '', O11Y_PREVIEW_LOCK: LOCK } },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = out.match(pattern);
      if (m) return m;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, output: () => out, waitFor, exited };
}

// The edit loop's own lines: a plan warning, or an event with a failed / refused / skipped detail.
const PUBLISH_TROUBLE = /^\s+\d\d:\d\d:\d\d (warning: |\S+ \S+ (failed|refused|skipped): )/m;

/** node-exporter, the sample app, the Envoy traffic generator, the collector and Prometheus. */
const STACK_PROCESSES = 5;
const pidsOf = (output: string) => [...(output.match(/^Processes:.*$/m)?.[0] ?? '').matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** After a failed assertion: Ctrl-C, so the CLI stops what it started; SIGKILL only if it does not exit. */
async function stopCli(cli: RunningCli): Promise<void> {
  if (cli.child.exitCode !== null || cli.child.signalCode !== null) return;
  cli.child.kill('SIGINT');
  const kill = setTimeout(() => cli.child.kill('SIGKILL'), 30_000);
  await cli.exited;
  clearTimeout(kill);
}

async function titleIn(url: string, uid: string): Promise<string | undefined> {
  const r = await api<{ dashboard: Json }>(url, 'GET', `/api/dashboards/uid/${uid}`);
  return r.status === 200 ? r.json.dashboard.title : undefined;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('o11y preview against the stand-in', () => {
  let model: Json;

  beforeAll(() => {
    model = readJson<Json>(join(ensureBuilt('local'), 'grafana', 'dashboards', 'prometheus-sample-app.json'));
    model.uid = 'preview-e2e';
    rmSync(SRC, { recursive: true, force: true });
    mkdirSync(SRC, { recursive: true });
    writeDashboard('Preview one', model);
    writeEnvironment('12.4.2');
  });
  afterAll(() => {
    rmSync(SRC, { recursive: true, force: true });
    rmSync(join(root, 'dist', NAME), { recursive: true, force: true });
    rmSync(join(root, 'dist', 'preview', NAME), { recursive: true, force: true });
  });

  it('publishes, republishes each save, keeps the last good version on a broken save, and Ctrl-C leaves nothing running', async () => {
    // given: a preview started on the stand-in
    const cli = startPreviewCli();
    try {
      await cli.waitFor(/Watching the sources/, 120_000);
      const url = (
        await cli.waitFor(/stand-in Grafana \(libs\/grafana-double, imitating 12\.4\.2, [^)]*\) at (http:\/\/[\d.]+:\d+)/, 1000)
      )[1]!;
      expect(cli.output()).toContain('it has no UI and is for headless checks');
      // the first publish to a fresh stand-in: everything created, no warning, no failed or refused step
      expect(cli.output()).toMatch(/published: \d+ created, 0 updated, 0 unchanged, 0 refused, 0 failed/);
      expect(cli.output()).not.toMatch(PUBLISH_TROUBLE);
      expect(cli.output()).toContain(`${url}/d/preview-e2e`);
      expect(await titleIn(url, 'preview-e2e')).toBe('Preview one');
      const ds = await api<Json>(url, 'GET', '/api/datasources/uid/prometheus');
      expect(ds.json.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(ds.json.url).not.toBe('http://localhost:9090');

      // when: the dashboard file is saved with a new title
      writeDashboard('Preview two', model);

      // then: the stand-in has the new version within the deadline, and one line says so
      await until('the new title in the stand-in', async () => (await titleIn(url, 'preview-e2e')) === 'Preview two', 30_000);
      await cli.waitFor(/dashboard preview-e2e updated \(\d+ ms\)/, 5000);

      // when: a save that does not compile
      writeFileSync(DASHBOARD, 'export const previewDashboard = () => {{{ broken');

      // then: one line, and the last good version stays
      await cli.waitFor(/dist\/e2e-preview-\d+-src\/dashboard\.ts: not published, the last good version stays: .*\(\d+ ms\)/, 30_000);
      expect(await titleIn(url, 'preview-e2e')).toBe('Preview two');

      // when: the next good save
      writeDashboard('Preview three', model);

      // then: it recovers
      await until('recovery after a broken save', async () => (await titleIn(url, 'preview-e2e')) === 'Preview three', 30_000);

      // when: Ctrl-C
      const pids = pidsOf(cli.output());
      expect(pids.length).toBe(STACK_PROCESSES);
      cli.child.kill('SIGINT');

      // then: everything it started is gone, the stand-in included, and the lock is released
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toContain('stopped; nothing left running');
      for (const pid of pids) expect(alive(pid), `pid ${pid}`).toBe(false);
      await expect(fetch(`${url}/api/health`)).rejects.toThrow();
      expect(existsSync(LOCK)).toBe(false);
    } finally {
      await stopCli(cli);
    }
  }, 240_000);

  it("--check runs each panel's queries through the stand-in's /api/ds/query, which imitates the declared version", async () => {
    // given: the environment declares Grafana 11.6.1
    writeEnvironment('11.6.1');
    try {
      // when
      const cli = startPreviewCli('--check');
      const code = await cli.exited;

      // then: one line says which path the check takes, every panel has data, and nothing is left running
      const out = cli.output();
      expect(code, out).toBe(0);
      expect(out).toMatch(/stand-in Grafana \(libs\/grafana-double, imitating 11\.6\.1, /);
      expect(out).toMatch(/published: \d+ created, 0 updated, 0 unchanged, 0 refused, 0 failed/);
      expect(out).not.toMatch(PUBLISH_TROUBLE);
      expect(out).toMatch(/^Check: +each panel's queries go through the stand-in Grafana's \/api\/ds\/query/m);
      const checked = out.match(
        /checked (\d+) panels \((\d+) queries\) through the stand-in Grafana's \/api\/ds\/query; 0 panels have no local source/,
      );
      expect(checked, out).not.toBeNull();
      expect(Number(checked![1])).toBeGreaterThanOrEqual(5);
      expect(out).not.toContain('NO DATA');
      expect(out).toContain('stopped; nothing left running');
      for (const pid of pidsOf(out)) expect(alive(pid), `pid ${pid}`).toBe(false);
    } finally {
      writeEnvironment('12.4.2');
    }
  }, 240_000);

  it('a start that fails half-way stops everything it started and removes its lock', async () => {
    // given: a Grafana URL where nothing answers
    const cli = startPreviewCli('--grafana-url', 'http://127.0.0.1:9');

    // when
    const code = await cli.exited;

    // then
    expect(code).toBe(1);
    expect(cli.output()).toMatch(/error: preview: Grafana at http:\/\/127\.0\.0\.1:9 did not answer \/api\/health within \d+ ms/);
    const pids = pidsOf(cli.output());
    expect(pids.length).toBe(STACK_PROCESSES);
    for (const pid of pids) expect(alive(pid), `pid ${pid}`).toBe(false);
    expect(existsSync(LOCK)).toBe(false);
  }, 120_000);
});
