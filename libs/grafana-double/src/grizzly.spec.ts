import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaDouble, type GrafanaDoubleProcess } from './index.js';
import { client } from '../test/client.js';

const run = promisify(execFile);
const workspaceRoot = join(import.meta.dirname, '../../..');
const grr = join(workspaceRoot, '.tools/bin/grr');
// scripts/tools/grizzly.sh builds grr (npm test runs it through install-test-prerequisites.sh); without Go there is none
const skipReason = existsSync(grr) ? undefined : `grizzly test skipped: ${grr} is missing (Go not installed? run scripts/tools/grizzly.sh)`;
if (skipReason) console.log(skipReason);

// grizzly's folder spec keeps uid and orgId from Grafana's folder JSON, so a local file without them always differs
const RESOURCES = `apiVersion: grizzly.grafana.com/v1alpha1
kind: DashboardFolder
metadata:
  name: grr-folder
spec:
  uid: grr-folder
  orgId: 1
  title: Grizzly Folder
---
apiVersion: grizzly.grafana.com/v1alpha1
kind: Dashboard
metadata:
  name: grr-dash-a
  folder: grr-folder
spec:
  uid: grr-dash-a
  title: Grizzly A
  tags: [grr]
  panels: []
---
apiVersion: grizzly.grafana.com/v1alpha1
kind: Dashboard
metadata:
  name: grr-dash-b
  folder: grr-folder
spec:
  uid: grr-dash-b
  title: Grizzly B
  panels: []
`;

describe.skipIf(skipReason !== undefined)('grizzly v0.7.1 (an independent client) against the stand-in', () => {
  let double: GrafanaDoubleProcess;
  let work: string;
  const grizzly = (...args: string[]) =>
    run(grr, args, {
      cwd: work,
      env: { ...process.env, HOME: work, GRAFANA_URL: double.url, GRAFANA_USER: 'admin', GRAFANA_TOKEN: 'admin' },
      timeout: 60_000,
    });
  beforeAll(async () => {
    double = await startGrafanaDouble();
    work = mkdtempSync(join(tmpdir(), 'grizzly-'));
    writeFileSync(join(work, 'resources.yaml'), RESOURCES);
  });
  afterAll(() => double?.stop());

  it('given a folder and two dashboards, when grr apply, then the stand-in stores them in that folder', async () => {
    const applied = await grizzly('apply', 'resources.yaml');
    expect(applied.stdout).toContain('3 resources added');
    const search = await client(double.url).get('/api/search?folderUIDs=grr-folder');
    expect(search.body.map((hit: { uid: string }) => hit.uid)).toEqual(['grr-dash-a', 'grr-dash-b']);
  });

  it('given the applied resources, when grr diff, then no differences; after a change on the stand-in, a difference', async () => {
    const same = await grizzly('diff', 'resources.yaml');
    expect(same.stdout.match(/no differences/g)).toHaveLength(3);
    await client(double.url).post('/api/dashboards/db', {
      dashboard: { uid: 'grr-dash-b', title: 'Changed B', panels: [] },
      folderUid: 'grr-folder',
      overwrite: true,
    });
    const changed = await grizzly('diff', 'resources.yaml').catch((error: { stdout: string }) => error);
    expect(changed.stdout).toContain('Changed B');
  });

  it('given remote resources, when grr pull, then files for the folder and both dashboards are written', async () => {
    const target = join(work, 'pulled');
    await grizzly('pull', '-t', 'Dashboard/*', '-t', 'DashboardFolder/*', target);
    expect(readdirSync(join(target, 'folders'))).toEqual(['folder-grr-folder.yaml']);
    expect(readdirSync(join(target, 'dashboards/grr-folder')).sort()).toEqual(['dashboard-grr-dash-a.yaml', 'dashboard-grr-dash-b.yaml']);
    expect(readFileSync(join(target, 'dashboards/grr-folder/dashboard-grr-dash-b.yaml'), 'utf8')).toContain('Changed B');
  });
});
