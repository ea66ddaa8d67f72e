import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaDouble, type GrafanaDoubleProcess } from '@o11y/grafana-double';
import { applyPlan, planPublish } from '@o11y/publish';
import { api, copyDist, o11y, readJson, root } from '../../test/e2e-fixtures.js';

// With GRAFANA_URL set, the same tests run against that real Grafana (admin basic auth); otherwise against the stand-in.
const REAL = process.env.GRAFANA_URL;
const VERSIONS = REAL ? ['real'] : ['10.4.3', '11.6.1', '12.4.2', '13.0.1'];
const CANARY = 'canary-secret-7f3a9c1e5b';

function doubleOnly(what: string): boolean {
  if (REAL)
    console.log(`skipped against a real Grafana: ${what} reads the stand-in's request log (/__double), which Grafana does not have`);
  return !REAL;
}

describe.each(
  VERSIONS.map((v) => (REAL ? `the real Grafana at ${REAL}` : `the stand-in imitating Grafana ${v}`)).map(
    (t, i) => [t, VERSIONS[i]!] as const,
  ),
)('o11y plan/publish against %s', (_target, version) => {
  let double: GrafanaDoubleProcess | undefined;
  let url: string;
  let dist: string;
  let env: Record<string, string>;
  const backups = join(root, '.o11y', 'backups', 'local');

  beforeAll(async () => {
    if (REAL) url = REAL;
    else {
      double = await startGrafanaDouble({ version });
      url = double.url;
    }
    // A copy of the local environment with a secret (a canary) in a data source, to prove it never leaks.
    dist = copyDist('local', (m, dir) => {
      const ds = m.resources.find((r) => r.uid === 'loki')!;
      ds.env = ['CANARY_SECRET'];
      const file = join(dir, ds.path);
      const body = readJson(file);
      require_(body);
      body.basicAuth = true;
      body.basicAuthUser = 'o11y';
      body.secureJsonData = { basicAuthPassword: '${env:CANARY_SECRET}' };
      writeJson(file, body);
    });
    env = {
      GRAFANA_URL: url,
      GRAFANA_USER: process.env.GRAFANA_USER ?? 'admin',
      GRAFANA_PASSWORD: process.env.GRAFANA_PASSWORD ?? 'admin',
      CANARY_SECRET: CANARY,
    };
    rmSync(backups, { recursive: true, force: true });
  }, 60_000);
  afterAll(async () => {
    await double?.stop();
  });

  const manifest = () =>
    readJson<{ resources: { kind: string; uid: string; path: string; folder?: string }[] }>(join(dist, 'manifest.json'));
  const printed: string[] = [];
  const run = async (...args: string[]) => {
    const r = await o11y([...args, '--dist-dir', dist], env);
    printed.push(r.stdout, r.stderr);
    return r;
  };

  it('publishes every resource of the local environment, and reads back what it defines', async () => {
    // when
    const r = await run('publish', 'local');

    // then
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/local: \d+ created, [01] updated, 0 deleted, 0 unchanged, 0 refused/);
    for (const e of manifest().resources) {
      const body = readJson(join(dist, e.path));
      if (e.kind === 'dashboard') {
        const live = await api<{ dashboard: Record<string, unknown>; meta: { folderUid: string } }>(
          url,
          'GET',
          `/api/dashboards/uid/${e.uid}`,
        );
        expect(live.json.dashboard.title).toBe(body.title);
        expect(live.json.dashboard.panels).toEqual(body.panels);
        expect(live.json.meta.folderUid).toBe(e.folder);
      } else if (e.kind === 'datasource') {
        const live = await api<Record<string, unknown>>(url, 'GET', `/api/datasources/uid/${e.uid}`);
        expect(live.json.name).toBe(body.name);
        expect(live.json.url ?? '').toBe(body.url ?? '');
        expect(JSON.stringify(live.json)).not.toContain(CANARY);
      } else if (e.kind === 'folder') {
        const live = await api<Record<string, unknown>>(url, 'GET', `/api/folders/${e.uid}`);
        expect(live.json.title).toBe(body.title);
      }
    }
  }, 90_000);

  it('writes nothing when published again', async () => {
    // given
    await double?.resetRequests();

    // when
    const r = await run('publish', 'local');
    const plan = await run('plan', 'local', '--detailed-exitcode');

    // then
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/local: 0 created, 0 updated, 0 deleted, \d+ unchanged, 0 refused \(\d+ reads, 0 writes\)/);
    expect(plan.status).toBe(0);
    if (doubleOnly('zero writes')) expect((await double!.requests()).filter((q) => q.wrote)).toEqual([]);
  }, 90_000);

  it('shows edits made in Grafana (dashboard, data source, contact point) as drifted, refuses it, and backs it up before --force overwrites it', async () => {
    // given: a user edits a dashboard and a data source through the API
    const dash = await api<{ dashboard: Record<string, unknown>; meta: { folderUid: string } }>(
      url,
      'GET',
      '/api/dashboards/uid/envoy-proxy',
    );
    const edited = await api(url, 'POST', '/api/dashboards/db', {
      dashboard: { ...dash.json.dashboard, title: 'Envoy edited by hand' },
      folderUid: dash.json.meta.folderUid,
      overwrite: true,
    });
    expect(edited.status).toBe(200);
    const ds = await api<Record<string, unknown>>(url, 'GET', '/api/datasources/uid/prometheus');
    expect((await api(url, 'PUT', '/api/datasources/uid/prometheus', { ...ds.json, url: 'http://edited:9090' })).status).toBe(200);
    // and a contact point, through the provisioning API (the UI's edit form sends the same fields)
    const points = await api<Record<string, unknown>[]>(url, 'GET', '/api/v1/provisioning/contact-points');
    const webhook = points.json.find((c) => c.uid === 'local-webhook')!;
    expect(webhook).toBeDefined();
    const cpEdit = await api(url, 'PUT', '/api/v1/provisioning/contact-points/local-webhook', { ...webhook, disableResolveMessage: true });
    expect(cpEdit.status).toBe(202);

    // when
    const plan = await run('plan', 'local', '--detailed-exitcode');
    const refused = await run('publish', 'local');

    // then
    expect(plan.status).toBe(2);
    expect(plan.stdout).toMatch(/! dashboard envoy-proxy .*drifted: edited in Grafana since o11y last published it/);
    expect(plan.stdout).toMatch(/title: "Envoy edited by hand" -> "Envoy/);
    expect(plan.stdout).toMatch(/! datasource prometheus .*drifted/);
    expect(plan.stdout).toMatch(/! contact-point local-webhook .*drifted: edited in Grafana/);
    expect(plan.stdout).toMatch(/disableResolveMessage: .* -> /);
    expect(refused.stderr).toMatch(/^error: local contact-point local-webhook: refused: edited in Grafana/m);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: local dashboard envoy-proxy: refused: edited in Grafana since o11y last published it; run `o11y pull local`.*--force/m,
    );
    expect(
      refused.stderr
        .trim()
        .split('\n')
        .every((l) => l.startsWith('error: ') || l.startsWith('warning: ')),
    ).toBe(true);

    // when
    const forced = await run('publish', 'local', '--force');

    // then
    expect(forced.status).toBe(0);
    const backup = /backup of the live version: (\S+envoy-proxy\.json)/.exec(forced.stdout)?.[1];
    expect(backup).toBeDefined();
    expect(readFileSync(backup!, 'utf8')).toContain('Envoy edited by hand');
    const cpBackup = /backup of the live version: (\S+contact-point\/local-webhook\.json)/.exec(forced.stdout)?.[1];
    expect(cpBackup, forced.stdout).toBeDefined();
    expect(readJson(cpBackup!).disableResolveMessage).toBe(true);
    const after = await api<Record<string, unknown>[]>(url, 'GET', '/api/v1/provisioning/contact-points');
    expect(after.json.find((c) => c.uid === 'local-webhook')?.disableResolveMessage ?? false).toBe(false);
    expect((await api<{ dashboard: { title: string } }>(url, 'GET', '/api/dashboards/uid/envoy-proxy')).json.dashboard.title).not.toBe(
      'Envoy edited by hand',
    );
    expect((await run('plan', 'local', '--detailed-exitcode')).status).toBe(0);
  }, 90_000);

  it('prunes only what this environment owns', async () => {
    // given: a dashboard made in the UI, and one owned by another environment
    await api(url, 'POST', '/api/dashboards/db', {
      dashboard: { uid: 'made-in-ui', title: 'Made in the UI' },
      folderUid: 'o11y',
      overwrite: true,
    });
    await api(url, 'POST', '/api/dashboards/db', {
      dashboard: { uid: 'other-env', title: 'Other env', o11y: { managedBy: 'o11y', environment: 'staging', checksum: 'sha256:0' } },
      overwrite: true,
    });
    // and the local environment no longer defines the sample-app dashboard
    const m = manifest();
    const kept = m.resources.filter((r) => r.uid !== 'prometheus-sample-app');
    writeJson(join(dist, 'manifest.json'), { ...m, resources: kept });

    // when
    const plan = await run('plan', 'local');
    const planJson = JSON.parse((await run('plan', 'local', '--json')).stdout) as PlanJson;
    const planJsonPrune = JSON.parse((await run('plan', 'local', '--json', '--prune')).stdout) as PlanJson;
    const withoutPrune = await run('publish', 'local');
    const keptAfterPublish = (await api(url, 'GET', '/api/dashboards/uid/prometheus-sample-app')).status;
    const pruned = await run('publish', 'local', '--prune');

    // then
    expect(plan.stdout).toMatch(/- dashboard prometheus-sample-app \(delete, applied with --prune\)/);
    expect(plan.stdout).not.toMatch(/made-in-ui|other-env/);
    const deleteOf = (p: PlanJson) => p.changes.filter((c) => c.action === 'delete');
    expect(deleteOf(planJson)).toEqual([{ kind: 'dashboard', uid: 'prometheus-sample-app', action: 'delete', apply: false }]);
    expect([planJson.prune, planJson.counts.delete]).toEqual([false, 1]);
    expect(deleteOf(planJsonPrune)).toEqual([{ kind: 'dashboard', uid: 'prometheus-sample-app', action: 'delete', apply: true }]);
    expect(planJsonPrune.prune).toBe(true);
    expect(withoutPrune.status, withoutPrune.stdout + withoutPrune.stderr).toBe(0);
    expect(withoutPrune.stdout).toMatch(/kept dashboard prometheus-sample-app: no longer defined; publish with --prune to delete it/);
    expect(keptAfterPublish).toBe(200);
    expect(pruned.status).toBe(0);
    expect(pruned.stdout).toMatch(/deleted dashboard prometheus-sample-app/);
    expect((await api(url, 'GET', '/api/dashboards/uid/prometheus-sample-app')).status).toBe(404);
    expect((await api(url, 'GET', '/api/dashboards/uid/made-in-ui')).status).toBe(200);
    expect((await api(url, 'GET', '/api/dashboards/uid/other-env')).status).toBe(200);
  }, 90_000);

  it('names an edit saved in Grafana between plan and write: 412 on the legacy API, 409 on /apis; the edit is kept', async () => {
    // given: the definitions change a dashboard, and a plan has read the live one
    const entry = manifest().resources.find((r) => r.uid === 'envoy-proxy')!;
    const file = join(dist, entry.path);
    writeJson(file, { ...readJson<Record<string, unknown>>(file), description: 'changed in code' });
    const plan = await planPublish({ distDir: dist, env: { ...process.env, ...env }, minBackoffMs: 10 });
    expect(plan.changes.find((c) => c.uid === 'envoy-proxy')?.action).toBe('update');

    // when: a user saves it in Grafana before publish writes it
    const live = await api<{ dashboard: Record<string, unknown>; meta: { folderUid: string } }>(
      url,
      'GET',
      '/api/dashboards/uid/envoy-proxy',
    );
    const saved = await api(url, 'POST', '/api/dashboards/db', {
      dashboard: { ...live.json.dashboard, title: 'Saved meanwhile' },
      folderUid: live.json.meta.folderUid,
      overwrite: true,
    });
    expect(saved.status).toBe(200);
    const result = await applyPlan(plan, { backupRoot: mkdtempSync(join(tmpdir(), 'o11y-backups-')) });
    await plan.context.client.close();

    // then
    const event = result.events.find((e) => e.uid === 'envoy-proxy')!;
    expect(result.ok).toBe(false);
    expect(event.outcome).toBe('failed');
    expect(event.detail).toMatch(
      plan.server.apis
        ? /^local dashboard envoy-proxy: PUT \/apis\/dashboard\.grafana\.app\/\S+: 409 conflict: .+; rerun plan to see the current state$/
        : /^local dashboard envoy-proxy: POST \/api\/dashboards\/db: 412 changed concurrently: .+; rerun plan to see the current state$/,
    );
    expect((await api<{ dashboard: { title: string } }>(url, 'GET', '/api/dashboards/uid/envoy-proxy')).json.dashboard.title).toBe(
      'Saved meanwhile',
    );
    expect((await run('plan', 'local')).stdout).toMatch(/! dashboard envoy-proxy .*drifted/);
  }, 90_000);

  it('never prints or writes a secret value', () => {
    const backupFiles = existsSync(backups) ? listFiles(backups).map((f) => readFileSync(f, 'utf8')) : [];
    for (const text of [...printed, ...backupFiles]) expect(text).not.toContain(CANARY);
    expect(printed.length).toBeGreaterThan(10);
  });
});

interface PlanJson {
  prune: boolean;
  counts: Record<string, number>;
  changes: { kind: string; uid: string; action: string; apply: boolean }[];
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)]));
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, JSON.stringify(value, null, 2));
}

function require_(value: unknown): asserts value is Record<string, unknown> {
  if (!value || typeof value !== 'object') throw new Error('not an object');
}
