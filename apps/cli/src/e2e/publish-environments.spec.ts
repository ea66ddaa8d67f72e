import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaDouble, type GrafanaDoubleProcess } from '@o11y/grafana-double';
import { api, copyDist, o11y, readJson, root } from '../../test/e2e-fixtures.js';

const REAL = process.env.GRAFANA_URL;
if (REAL) console.log("skipped against a real Grafana: these tests read the stand-in's request log and start their own stand-ins");

/** A user's terminal: colour allowed, not CI. */
function terminalEnv(url: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GRAFANA_URL: url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin' };
  for (const name of ['CI', 'NO_COLOR', 'FORCE_COLOR', 'NODE_DISABLE_COLORS', 'GITHUB_ACTIONS']) delete env[name];
  env.TERM = 'xterm-256color';
  return env;
}
const bin = join(root, 'apps', 'cli', 'bin', 'o11y.js');

describe.skipIf(!!REAL)('o11y publish of the lgtm environment (stand-in imitating 12.4, the version it declares)', () => {
  let double: GrafanaDoubleProcess;
  let dist: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    double = await startGrafanaDouble({ version: '12.4.2' });
    dist = copyDist('lgtm');
    // The environment's own grafana.url reference, resolved from the environment as in its CI.
    env = {
      LGTM_GRAFANA_URL: double.url,
      GRAFANA_URL: '',
      GRAFANA_USER: 'admin',
      GRAFANA_PASSWORD: 'admin',
      ALERTS_EMAIL_ADDRESSES: 'sre@example.com',
    };
  }, 60_000);
  afterAll(() => double.stop());

  it('publishes everything it defines for Grafana, reads it back, and writes nothing the second time', async () => {
    // when
    const first = await o11y(['publish', 'lgtm', '--dist-dir', dist], env);
    await double.resetRequests();
    const second = await o11y(['publish', 'lgtm', '--dist-dir', dist], env);
    const plan = await o11y(['plan', 'lgtm', '--dist-dir', dist, '--detailed-exitcode'], env);

    // then
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^lgtm: \d+ created, 1 updated, 0 deleted, 0 unchanged, 0 refused/m);
    const manifest = readJson<{ resources: { kind: string; uid: string; path: string; folder?: string }[] }>(join(dist, 'manifest.json'));
    for (const r of manifest.resources.filter((x) => ['dashboard', 'datasource', 'contact-point'].includes(x.kind))) {
      const body = readJson(join(dist, r.path));
      if (r.kind === 'dashboard') {
        const live = await api<{ dashboard: Record<string, unknown>; meta: { folderUid: string } }>(
          double.url,
          'GET',
          `/api/dashboards/uid/${r.uid}`,
        );
        expect([live.json.dashboard.title, live.json.meta.folderUid]).toEqual([body.title, r.folder]);
        expect(live.json.dashboard.panels).toEqual(body.panels);
      } else if (r.kind === 'datasource') {
        const live = await api<Record<string, unknown>>(double.url, 'GET', `/api/datasources/uid/${r.uid}`);
        expect([live.json.name, live.json.type, live.json.url]).toEqual([body.name, body.type, body.url]);
      } else if (r.kind === 'contact-point') {
        const points = await api<{ uid: string; settings: { addresses?: string } }[]>(
          double.url,
          'GET',
          '/api/v1/provisioning/contact-points',
        );
        expect(points.json.find((c) => c.uid === r.uid)?.settings.addresses).toBe('sre@example.com');
      }
    }
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^lgtm: 0 created, 0 updated, 0 deleted, \d+ unchanged, 0 refused/m);
    expect((await double.requests()).filter((q) => q.wrote)).toEqual([]);
    expect(plan.status).toBe(0);
  });
});

describe.skipIf(!!REAL)('o11y publish output (stand-in imitating 12.4)', () => {
  let double: GrafanaDoubleProcess;
  beforeAll(async () => {
    double = await startGrafanaDouble({ version: '12.4.2' });
  }, 60_000);
  afterAll(() => double.stop());

  it('on a terminal, shows a task per kind with listr2, then the summary line', async (t) => {
    // given: a pseudo-terminal from util-linux script(1)
    const script = '/usr/bin/script';
    if (!existsSync(script)) {
      console.log('skipped: script(1) is not installed, so there is no pseudo-terminal to test with');
      return t.skip();
    }
    const dist = copyDist('local');

    // when
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        script,
        ['-qec', `stty cols 100 rows 40; node ${bin} publish local --dist-dir ${dist}`, '/dev/null'],
        {
          cwd: root,
          env: terminalEnv(double.url),
        },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );

    // then
    const text = out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    const count = (kind: string) =>
      readJson<{ resources: { kind: string }[] }>(join(dist, 'manifest.json')).resources.filter((r) => r.kind === kind).length;
    expect(text).toContain(`✔ folder: ${count('folder')}/${count('folder')}`);
    expect(text).toContain(`✔ dashboard: ${count('dashboard')}/${count('dashboard')}`);
    expect(text).toMatch(/✔ alert-rule-group: \d+\/\d+/);
    expect(out).toContain('\x1b[32m');
    expect(text).toMatch(/local: \d+ created, 1 updated, 0 deleted, 0 unchanged, 0 refused/);
  });

  it('in CI, prints plain lines without colour, one per change, and the summary line', async () => {
    // given: the same resources, one dashboard changed
    const dist = copyDist('local', (m, dir) => {
      const entry = m.resources.find((r) => r.uid === 'envoy-proxy')!;
      const file = join(dir, entry.path);
      const body = readJson(file);
      writeFileSync(file, JSON.stringify({ ...body, description: 'changed' }));
    });

    // when
    const r = await o11y(['publish', 'local', '--dist-dir', dist], {
      GRAFANA_URL: double.url,
      GRAFANA_USER: 'admin',
      GRAFANA_PASSWORD: 'admin',
      CI: 'true',
    });

    // then
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stdout).toMatch(/^updated dashboard envoy-proxy$/m);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(
      /^local: 0 created, 1 updated, 0 deleted, \d+ unchanged, 0 refused \(\d+ reads, 1 writes\)$/,
    );
  });
});
