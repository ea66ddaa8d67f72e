import { pathToFileURL } from 'node:url';
import { findWorkspaceRoot, loadEnvironmentFile, workspacePath } from '@o11y/artifacts';
import type { DashboardDefinition, EnvironmentDefinition } from '@o11y/environment';
import { reportLoadFailure, runDashboardBuild, runEnvironmentBuild } from './report.js';

/**
 * The build of an environment project (what its inferred Nx `build` target runs): loads the
 * environment file here, so an error thrown while defining it (a bad override, say) is one line
 * naming the file. True when the artifacts were written.
 */
export async function buildEnvironmentFile(environmentFile: string): Promise<boolean> {
  let env: EnvironmentDefinition;
  try {
    env = await loadEnvironmentFile(environmentFile);
  } catch (e) {
    reportLoadFailure(workspacePath(environmentFile, findWorkspaceRoot(environmentFile)), e);
    return false;
  }
  return runEnvironmentBuild(env);
}

/**
 * The build of a dashboard project: calls the factory `exportName` of `dashboardFile` without
 * arguments (the dashboard with its documented defaults) and writes it on its own.
 */
export async function buildDashboardFile(dashboardFile: string, exportName: string, projectDir: string): Promise<boolean> {
  let definition: DashboardDefinition;
  try {
    const mod = (await import(pathToFileURL(dashboardFile).href)) as Record<string, unknown>;
    const factory = mod[exportName];
    if (typeof factory !== 'function') throw new Error(`${workspacePath(dashboardFile, projectDir)} exports no function ${exportName}()`);
    definition = (factory as () => DashboardDefinition)();
  } catch (e) {
    reportLoadFailure(workspacePath(projectDir, findWorkspaceRoot(projectDir)), e);
    return false;
  }
  return runDashboardBuild(definition);
}
