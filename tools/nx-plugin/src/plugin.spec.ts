import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from './plugin.cjs';

const workspaceRoot = join(import.meta.dirname, '..', '..', '..');
const [glob, createNodes] = plugin.createNodesV2;
const buildTargetsOf = async (files: string[]) => {
  const results = await createNodes(files, undefined, { workspaceRoot, nxJsonConfiguration: {} });
  return Object.fromEntries(
    results.flatMap(([, r]: any) => Object.entries(r.projects ?? {}).map(([root, p]: any) => [root, p.targets.build])),
  );
};

describe('the build target the plugin infers', () => {
  it("calls a dashboard project's factory, named after the project, and writes dist/dashboard", async () => {
    // when
    const targets = await buildTargetsOf(['dashboards/sample-app/package.json', 'dashboards/sample-app/src/dashboard.ts']);

    // then
    expect(glob).toBe('*/*/{package.json,src/*.ts}');
    expect(targets['dashboards/sample-app']).toMatchObject({
      executor: '@o11y/nx-plugin:build',
      options: { dashboard: 'src/dashboard.ts', export: 'sampleAppDashboard' },
      cache: true,
      outputs: ['{projectRoot}/dist/dashboard'],
    });
    expect(targets['dashboards/sample-app'].inputs.slice(0, 2)).toEqual(['production', '^production']);
  });

  it('builds an environment into dist/<name>, its package.json o11y.buildEnv variables as inputs', async () => {
    const targets = await buildTargetsOf(['environments/aws/package.json']);

    expect(targets['environments/aws']).toMatchObject({
      options: { environment: 'src/environment.ts' },
      outputs: ['{workspaceRoot}/dist/aws'],
    });
    expect(targets['environments/aws'].inputs).toContainEqual({ env: 'AWS_REGION' });
    expect(targets['environments/aws'].inputs).toContain('{workspaceRoot}/apps/cli/src/build/**/*.ts');
  });

  it('gives no build target to projects without a dashboard or environment tag', async () => {
    expect(await buildTargetsOf(['libs/grafana-kit/package.json', 'alerts/envoy/package.json'])).toEqual({});
  });

  describe('an environment reading dashboard JSON files', () => {
    const project = join(workspaceRoot, 'environments', 'plugin-spec-json');
    afterAll(() => rmSync(project, { recursive: true, force: true }));

    it('lists each file dashboardFromJsonFile reads as an input', async () => {
      // given
      mkdirSync(join(project, 'src'), { recursive: true });
      writeFileSync(
        join(project, 'package.json'),
        JSON.stringify({ name: '@o11y/env-plugin-spec-json', nx: { tags: ['type:environment'] } }),
      );
      writeFileSync(join(project, 'src', 'environment.ts'), "dashboardFromJsonFile('../exports/node.json');\n");

      // when
      const targets = await buildTargetsOf(['environments/plugin-spec-json/src/environment.ts']);

      // then
      expect(targets['environments/plugin-spec-json'].inputs).toContain('{workspaceRoot}/environments/plugin-spec-json/exports/node.json');
    });
  });
});
