import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const workspaceRoot = import.meta.dirname;

type TestOptions = NonNullable<ViteUserConfig['test']>;

/**
 * Vitest settings shared by every project. Each run also writes a JSON report to
 * dist/test-results/<project>.json, which scripts/test-summary.ts adds up into the
 * single "N passed, N failed" line CI reads. Temporary files go below one folder per run, removed
 * at its end (O11Y_KEEP_TEST_TMP=1 keeps it for a post-mortem).
 */
export function projectTestConfig(projectRoot: string, test: TestOptions = {}): ViteUserConfig {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    name: string;
    nx?: { name?: string };
  };
  const project = pkg.nx?.name ?? pkg.name;
  return defineConfig({
    root: projectRoot,
    test: {
      include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
      // Speed is measured in bench/, not here: on a loaded 2-core CI machine a 5 s default flakes.
      testTimeout: 20_000,
      globalSetup: [join(workspaceRoot, 'scripts/vitest/temporary-directory.ts')],
      reporters: ['default', ['json', { outputFile: join(workspaceRoot, 'dist/test-results', `${project}.json`) }]],
      ...test,
    },
  });
}
