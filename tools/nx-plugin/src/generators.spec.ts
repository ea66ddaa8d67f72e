import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsTree } from 'nx/src/generators/tree';
import { dashboardGenerator, dashboardProjectFiles, environmentGenerator } from './generators.cjs';

const workspaceRoot = join(import.meta.dirname, '..', '..', '..');
/** Generators write into this in-memory tree over the real workspace; nothing reaches the disk. */
const workspaceTree = () => new FsTree(workspaceRoot, false);
const json = (tree: FsTree, path: string) => JSON.parse(tree.read(path, 'utf8')!);

describe('dashboard generator', () => {
  it('writes a dashboard project whose factory is the one the inferred build target calls', async () => {
    // given
    const tree = workspaceTree();

    // when
    await dashboardGenerator(tree, { name: 'payment-gateway', skipInstall: true });

    // then
    const pkg = json(tree, 'dashboards/payment-gateway/package.json');
    expect(pkg).toMatchObject({
      name: '@o11y/dashboard-payment-gateway',
      nx: { name: 'dashboard-payment-gateway', tags: ['type:dashboard'] },
    });
    expect(pkg.nx.targets).toBeUndefined();
    expect(tree.read('dashboards/payment-gateway/src/dashboard.ts', 'utf8')).toContain('export function paymentGatewayDashboard(');
    expect(json(tree, 'dashboards/payment-gateway/tsconfig.json').references).toContainEqual({ path: '../../libs/grafana-kit' });
    expect(tree.exists('dashboards/payment-gateway/src/build.ts')).toBe(false);
  });

  it('refuses a name that is not a folder name', async () => {
    await expect(dashboardGenerator(workspaceTree(), { name: 'Payments!', skipInstall: true })).rejects.toThrow(
      'dashboard name "Payments!": use lower-case letters, digits and dashes, e.g. "payments"',
    );
  });

  it('gives o11y import the project files without example sources, marked as generated', async () => {
    const files = await dashboardProjectFiles(workspaceRoot, {
      name: 'imported',
      directory: 'dist/generator-spec/imported',
      sources: false,
      generatedBy: 'o11y import',
      dependencies: ['@o11y/xray-query'],
    });

    expect([...files.keys()].sort()).toEqual(['package.json', 'tsconfig.json', 'vitest.config.ts']);
    expect(JSON.parse(files.get('package.json')!)).toMatchObject({
      o11y: { generatedBy: 'o11y import' },
      dependencies: { '@o11y/xray-query': '*' },
    });
    expect(JSON.parse(files.get('tsconfig.json')!).extends).toBe('../../../tsconfig.base.json');
  });
});

describe('environment generator', () => {
  it('writes an environment placing the dashboards it is given, built into dist/<name>', async () => {
    const tree = workspaceTree();

    await environmentGenerator(tree, { name: 'staging', dashboards: ['envoy'], skipInstall: true });

    expect(json(tree, 'environments/staging/package.json')).toMatchObject({
      name: '@o11y/env-staging',
      nx: { name: 'env-staging', tags: ['type:environment'] },
      dependencies: { '@o11y/dashboard-envoy': '*' },
      o11y: { buildEnv: [] },
    });
    const environment = tree.read('environments/staging/src/environment.ts', 'utf8')!;
    expect(environment).toContain("import { envoyDashboard } from '@o11y/dashboard-envoy';");
    expect(environment).toContain("{ folder: 'o11y', dashboard: envoyDashboard(area) }");
  });

  it('names a dashboard project that does not exist', async () => {
    await expect(environmentGenerator(workspaceTree(), { name: 'staging', dashboards: ['nope'], skipInstall: true })).rejects.toThrow(
      '--dashboards nope: there is no dashboards/nope',
    );
  });
});
