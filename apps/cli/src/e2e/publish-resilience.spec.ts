import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGrafanaDouble, type GrafanaDoubleProcess } from '@o11y/grafana-double';
import { api, copyDist, generatedDist, o11y, readJson, type CliRun } from '../../test/e2e-fixtures.js';

// Faults and SIGKILL are the stand-in's (--faults, its process): there is no such switch on a real Grafana.
const REAL = process.env.GRAFANA_URL;
if (REAL) console.log('skipped against a real Grafana: injected faults and killing the server need the stand-in');
const VERSIONS = REAL ? [] : ['10.4.3', '11.6.1', '12.4.2', '13.0.1'];
const ADMIN = { GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin', O11Y_PUBLISH_MIN_BACKOFF_MS: '20' };

/** Values that appear more than once: duplicates a lost answer could have made. */
function repeated(values: readonly unknown[]): unknown[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

/** What the server holds, listed the way a user would look for duplicates. */
async function inventory(url: string) {
  const dashboards = (await api<{ uid: string; title: string }[]>(url, 'GET', '/api/search?type=dash-db&limit=5000')).json;
  const folders = (await api<{ uid: string; title: string }[]>(url, 'GET', '/api/search?type=dash-folder&limit=5000')).json;
  const datasources = (await api<{ uid: string; name: string }[]>(url, 'GET', '/api/datasources')).json;
  const contactPoints = (await api<{ uid: string; name: string }[]>(url, 'GET', '/api/v1/provisioning/contact-points')).json;
  const rules = (await api<{ uid: string; title: string }[]>(url, 'GET', '/api/v1/provisioning/alert-rules')).json;
  return { dashboards, folders, datasources, contactPoints, rules };
}

async function publishUntilDone(args: string[], env: Record<string, string>, attempts: number): Promise<CliRun[]> {
  const runs: CliRun[] = [];
  for (let i = 0; i < attempts; i++) {
    const r = await o11y(args, env);
    runs.push(r);
    if (r.status === 0) break;
  }
  return runs;
}

describe.each(VERSIONS)('o11y publish against the stand-in imitating %s, with 20% of requests failing', (version) => {
  it('converges with no duplicates, and the final state equals the definitions', async () => {
    // given: a stand-in where one request in five fails (429, 502, 503, reset, or a 502 after the write committed)
    const dataDir = mkdtempSync(join(tmpdir(), 'grafana-double-faults-'));
    const faulty = await startGrafanaDouble({ version, faults: 0.2, seed: 11, dataDir });
    const dist = copyDist('local');
    let runs: CliRun[];
    let faults: number;
    try {
      // when
      runs = await publishUntilDone(['publish', 'local', '--dist-dir', dist], { GRAFANA_URL: faulty.url, ...ADMIN }, 3);
      const faulted = (await faulty.requests()).filter((q) => q.fault);
      faults = faulted.length;
      console.log(`${version}: faults injected: ${faulted.map((q) => `${q.fault} on ${q.method} ${q.path}`).join(', ')}`);
    } finally {
      await faulty.stop();
    }

    // then: it converged (retries absorb the faults; a rerun finishes what a run could not)
    const last = runs.at(-1)!;
    expect(last.status, last.stdout + last.stderr).toBe(0);
    console.log(`${version}: ${faults} faults injected; converged after ${runs.length} run(s)`);
    expect(faults).toBeGreaterThan(5);

    // and on the same data without faults: nothing to change, nothing twice
    const clean = await startGrafanaDouble({ version, dataDir });
    try {
      const plan = await o11y(['plan', 'local', '--dist-dir', dist, '--detailed-exitcode'], { GRAFANA_URL: clean.url, ...ADMIN });
      expect(plan.status, plan.stdout + plan.stderr).toBe(0);
      const live = await inventory(clean.url);
      const manifest = readJson<{ resources: { kind: string; uid: string }[] }>(join(dist, 'manifest.json'));
      const defined = (kind: string) =>
        manifest.resources
          .filter((r) => r.kind === kind)
          .map((r) => r.uid)
          .sort();
      expect(live.dashboards.map((d) => d.uid).sort()).toEqual(defined('dashboard'));
      expect(live.folders.map((f) => f.uid).sort()).toEqual(defined('folder'));
      expect(live.datasources.map((d) => d.uid).sort()).toEqual(defined('datasource'));
      expect(repeated(live.dashboards.map((d) => d.title))).toEqual([]);
      expect(repeated(live.datasources.map((d) => d.name))).toEqual([]);
      expect(repeated(live.contactPoints.map((c) => c.name))).toEqual([]);
      expect(live.contactPoints.map((c) => c.uid)).toEqual(expect.arrayContaining(defined('contact-point')));
      expect(repeated(live.rules.map((r) => r.title))).toEqual([]);
      expect(live.rules.length).toBeGreaterThan(0);
    } finally {
      await clean.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe.skipIf(!!REAL)('o11y publish when the server is killed part-way (stand-in imitating 12.4)', () => {
  let double: GrafanaDoubleProcess | undefined;

  it('converges on rerun after a restart on the same data: nothing duplicated, nothing lost', async () => {
    // given: 200 dashboards in 10 folders being published
    const dist = generatedDist(200, 10);
    double = await startGrafanaDouble({ version: '12.4.2' });
    const env = { GRAFANA_URL: double.url, ...ADMIN };
    const publishing = o11y(['publish', 'generated', '--dist-dir', dist], env);

    // when: the server dies with SIGKILL once some dashboards are written
    const deadline = Date.now() + 120_000;
    let written = 0;
    while (written < 40) {
      if (Date.now() > deadline) throw new Error(`only ${written} dashboards written in 120 s`);
      await new Promise((r) => setTimeout(r, 25));
      written = (await double.requests()).filter((q) => q.wrote && q.path.includes('/dashboards')).length;
    }
    await double.kill();
    const interrupted = await publishing;
    double = await double.restart();
    const before = (await api<{ uid: string }[]>(double.url, 'GET', '/api/search?type=dash-db&limit=5000')).json.length;
    const rerun = await o11y(['publish', 'generated', '--dist-dir', dist], env);

    // then: the interrupted run said what it did not apply and failed
    expect(interrupted.status).toBe(1);
    expect(interrupted.stderr).toMatch(/^error: generated dashboard gen-dash-\d+: connection refused by 127\.0\.0\.1:\d+/m);
    expect(interrupted.stdout).toMatch(/^not applied: .*dashboard gen-dash-/m);
    expect(before).toBeGreaterThanOrEqual(40);
    expect(before).toBeLessThan(200);
    // and the rerun wrote only what was missing
    expect(rerun.status, rerun.stdout + rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(
      new RegExp(`generated: ${200 - before} created, 0 updated, 0 deleted, ${before + 10} unchanged, 0 refused`),
    );
    const dashboards = (await api<{ uid: string; title: string }[]>(double.url, 'GET', '/api/search?type=dash-db&limit=5000')).json;
    expect(dashboards.map((d) => d.uid).sort()).toEqual(Array.from({ length: 200 }, (_, i) => `gen-dash-${i}`).sort());
    expect(repeated(dashboards.map((d) => d.title))).toEqual([]);
    const listed = await api<{ items: { metadata: { name: string } }[] }>(
      double.url,
      'GET',
      '/apis/dashboard.grafana.app/v1beta1/namespaces/default/dashboards?limit=1000',
    );
    expect(listed.json.items).toHaveLength(200);
    const plan = await o11y(['plan', 'generated', '--dist-dir', dist, '--detailed-exitcode'], env);
    expect(plan.status, plan.stdout).toBe(0);
    await double.stop();
  }, 300_000);
});
