import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardFromJsonFile, defineDashboard } from './dashboard.js';

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
