import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildEnvironmentMain, writeDashboardArtifact } from './run.js';
import { findWorkspaceRoot } from './workspace.js';

const dir = join(findWorkspaceRoot(import.meta.dirname), 'dist', 'build-spec-environments');

describe('buildEnvironmentMain', () => {
  afterEach(() => {
    process.exitCode = 0;
    vi.restoreAllMocks();
  });

  it('reports an error thrown while defining the environment as one line naming the file', async () => {
    // given: an environment file that throws as it is loaded, like a bad override would
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'throwing-environment.ts');
    writeFileSync(file, "throw new Error('quantile must be between 0 and 1, got 9');\nexport {};\n");
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    // when
    await buildEnvironmentMain(file);

    // then
    expect(process.exitCode).toBe(1);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toBe(
      'error: dist/build-spec-environments/throwing-environment.ts: quantile must be between 0 and 1, got 9\nbuild failed; nothing was written\n',
    );
  });

  it('says so when the file exports no environment', async () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'empty-environment.ts');
    writeFileSync(file, 'export const notAnEnvironment = 1;\n');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    await buildEnvironmentMain(file);

    expect(process.exitCode).toBe(1);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toBe(
      'error: dist/build-spec-environments/empty-environment.ts: exports no environment (defineEnvironment(...))\nbuild failed; nothing was written\n',
    );
  });
});

describe('writeDashboardArtifact', () => {
  afterEach(() => {
    process.exitCode = 0;
    vi.restoreAllMocks();
  });

  it('reports a dashboard factory that throws as one line', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    await writeDashboardArtifact(() => {
      throw new Error('quantile must be between 0 and 1, got 9');
    });

    expect(process.exitCode).toBe(1);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toMatch(
      /^error: .*: quantile must be between 0 and 1, got 9\nbuild failed; nothing was written\n$/,
    );
  });
});
