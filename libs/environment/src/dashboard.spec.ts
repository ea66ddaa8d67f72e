import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardFromJsonFile, defineDashboard } from './dashboard.js';
import { defineEnvironment } from './environment.js';

describe('defineDashboard', () => {
  it('records the source file and drops builder internals', () => {
    // given
    const builder = { build: () => ({ uid: 'u', title: 't', fn: () => 1, missing: undefined }) };

    // when
    const def = defineDashboard(import.meta.url, builder);

    // then
    expect(def.source).toMatch(/dashboard\.spec\.ts$/);
    expect(def.model).toEqual({ uid: 'u', title: 't' });
  });
});

describe('dashboardFromJsonFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dash-'));

  it('reads an exported dashboard, also when wrapped as an API response', () => {
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ dashboard: { uid: 'a', title: 'A' }, meta: {} }));
    expect(dashboardFromJsonFile(join(dir, 'a.json')).model).toEqual({ uid: 'a', title: 'A' });
  });

  it('names the file when it is not JSON', () => {
    writeFileSync(join(dir, 'b.json'), '{ not json');
    expect(() => dashboardFromJsonFile(join(dir, 'b.json'))).toThrow(/b\.json: not a readable dashboard JSON file/);
  });
});

describe('dashboardFromJsonFile with a relative path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'env-'));
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'json'));
  writeFileSync(join(dir, 'json', 'c.json'), '\uFEFF{"uid":"c","title":"C"}');

  it('reads the file from the environment file that places it, not the working directory, and accepts a byte-order mark', () => {
    // given
    const placed = { folder: 'f', dashboard: dashboardFromJsonFile('../json/c.json') };

    // when
    const env = defineEnvironment({
      name: 'x',
      source: join(dir, 'src', 'environment.ts'),
      grafana: { kind: 'self-hosted', url: 'http://localhost:3000', version: '12.4.2' },
      folders: [],
      datasources: [],
      dashboards: [placed],
    });

    // then
    expect(env.dashboards[0]!.dashboard.model).toEqual({ uid: 'c', title: 'C' });
    expect(env.dashboards[0]!.dashboard.source).toBe(join(dir, 'json', 'c.json'));
  });

  it('says where a relative path is read from when used outside an environment', () => {
    expect(() => dashboardFromJsonFile('../json/c.json').model).toThrow(
      'dashboardFromJsonFile("../json/c.json"): a relative path is read from the environment file that places the dashboard; place it in defineEnvironment\'s dashboards or pass an absolute path',
    );
  });
});
