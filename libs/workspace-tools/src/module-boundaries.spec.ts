import { join } from 'node:path';
import { createProjectGraphAsync } from '@nx/devkit';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const workspaceRoot = join(import.meta.dirname, '..', '..', '..');

/** The boundary messages ESLint reports for `source` saved as `file` (a file that need not exist). */
async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: workspaceRoot });
  const [result] = await eslint.lintText(source, { filePath: join(workspaceRoot, file) });
  return result!.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('eslint.config.mjs: the layering', () => {
  // The rule reads Nx's cached project graph and silently skips without one; make sure it is there.
  beforeAll(() => createProjectGraphAsync({ exitOnError: false }).then(() => undefined), 120_000);

  // Targets that do not already depend on the importer: otherwise the rule reports the cycle instead.
  it.each([
    ['a lib on an environment', 'libs/amg/src/forbidden.ts', '@o11y/env-local', 'type:lib'],
    ['a lib on a dashboard', 'libs/pull/src/forbidden.ts', '@o11y/dashboard-envoy', 'type:lib'],
    ['a dashboard on an alert set', 'dashboards/eks/src/forbidden.ts', '@o11y/alerts-pipeline', 'type:dashboard'],
    ['a dashboard on an app', 'dashboards/eks/src/forbidden.ts', '@o11y/prometheus-sample-app', 'type:dashboard'],
    ['an environment on an app', 'environments/aws/src/forbidden.ts', '@o11y/envoy-traffic', 'type:environment'],
    ['an app on another app', 'apps/envoy-traffic/src/forbidden.ts', '@o11y/prometheus-sample-app', 'type:app'],
  ])('reports %s', async (_case, file, target, tag) => {
    // given a file importing across the layering
    const source = `import * as forbidden from '${target}';\nexport default forbidden;\n`;

    // when
    const errors = await boundaryErrors(file, source);

    // then
    expect(errors).toEqual([expect.stringContaining(`A project tagged with "${tag}" can only depend on libs tagged with`)]);
  });

  it.each([
    ['a lib on a lib', 'libs/artifacts/src/allowed.ts', '@o11y/grafana-model'],
    ['an environment on a dashboard', 'environments/local/src/allowed.ts', '@o11y/dashboard-envoy'],
    ['the CLI on the preview it embeds', 'apps/cli/src/allowed.ts', '@o11y/preview'],
  ])('accepts %s', async (_case, file, target) => {
    expect(await boundaryErrors(file, `import * as allowed from '${target}';\nexport default allowed;\n`)).toEqual([]);
  });
});
