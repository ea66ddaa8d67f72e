import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findWorkspaceRoot } from '@o11y/artifacts';
import { buildDashboardFile, buildEnvironmentFile } from './project-build.js';

const root = findWorkspaceRoot(import.meta.dirname);
const dir = join(root, 'dist', 'build-spec-projects');

const written = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => String(c[0])).join('');

describe('buildEnvironmentFile', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reports an error thrown while defining the environment as one line naming the file', async () => {
    // given: an environment file that throws as it is loaded, like a bad override would
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'throwing-environment.ts');
    writeFileSync(file, "throw new Error('quantile must be between 0 and 1, got 9');\nexport {};\n");
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    // when
    const ok = await buildEnvironmentFile(file);

    // then
    expect(ok).toBe(false);
    expect(written(stderr)).toBe(
      'error: dist/build-spec-projects/throwing-environment.ts: quantile must be between 0 and 1, got 9\nbuild failed; nothing was written\n',
    );
  });

  it('says so when the file exports no environment', async () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'empty-environment.ts');
    writeFileSync(file, 'export const notAnEnvironment = 1;\n');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    const ok = await buildEnvironmentFile(file);

    expect(ok).toBe(false);
    expect(written(stderr)).toBe(
      'error: dist/build-spec-projects/empty-environment.ts: exports no environment (defineEnvironment(...))\nbuild failed; nothing was written\n',
    );
  });
});

describe('buildDashboardFile', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reports a dashboard factory that throws as one line naming the project', async () => {
    // given
    const project = join(dir, 'throwing-dashboard');
    mkdirSync(join(project, 'src'), { recursive: true });
    const file = join(project, 'src', 'dashboard.ts');
    writeFileSync(file, "export function throwingDashboard() {\n  throw new Error('quantile must be between 0 and 1, got 9');\n}\n");
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    // when
    const ok = await buildDashboardFile(file, 'throwingDashboard', project);

    // then
    expect(ok).toBe(false);
    expect(written(stderr)).toBe(
      'error: dist/build-spec-projects/throwing-dashboard: quantile must be between 0 and 1, got 9\nbuild failed; nothing was written\n',
    );
  });

  it('names the factory the file does not export', async () => {
    const project = join(dir, 'renamed-dashboard');
    mkdirSync(join(project, 'src'), { recursive: true });
    const file = join(project, 'src', 'dashboard.ts');
    writeFileSync(file, 'export const somethingElse = 1;\n');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    const ok = await buildDashboardFile(file, 'renamedDashboard', project);

    expect(ok).toBe(false);
    expect(written(stderr)).toBe(
      'error: dist/build-spec-projects/renamed-dashboard: src/dashboard.ts exports no function renamedDashboard()\nbuild failed; nothing was written\n',
    );
  });
});
