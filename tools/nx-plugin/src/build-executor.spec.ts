import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchBuild } from './build-executor.cjs';

const workspaceRoot = join(import.meta.dirname, '..', '..', '..');

describe('build executor, batch mode', () => {
  it('builds every task of the batch in this one process and reports each with its own output', async () => {
    // given: a dashboard that builds and one whose factory is missing
    const task = (project: string) => ({ id: `${project}:build`, target: { project, target: 'build' } });
    const taskGraph = { tasks: { 'sample-app:build': task('sample-app'), 'broken:build': task('broken') } };
    const inputs = {
      'sample-app:build': { dashboard: 'src/dashboard.ts', export: 'sampleAppDashboard' },
      'broken:build': { dashboard: 'src/dashboard.ts', export: 'missingDashboard' },
    };
    const projects = { 'sample-app': { root: 'dashboards/sample-app' }, broken: { root: 'dashboards/sample-app' } };

    // when
    const results: Array<{ task: string; result: { success: boolean; terminalOutput: string } }> = [];
    for await (const r of batchBuild(taskGraph, inputs, {}, { root: workspaceRoot, projectsConfigurations: { projects } })) results.push(r);

    // then
    expect(results).toEqual([
      {
        task: 'sample-app:build',
        result: {
          success: true,
          terminalOutput: 'built dashboard prometheus-sample-app -> dashboards/sample-app/dist/dashboard/prometheus-sample-app.json\n',
        },
      },
      {
        task: 'broken:build',
        result: {
          success: false,
          terminalOutput:
            'error: dashboards/sample-app: src/dashboard.ts exports no function missingDashboard()\nbuild failed; nothing was written\n',
        },
      },
    ]);
  });
});
