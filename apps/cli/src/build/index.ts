// What `o11y build` and the Nx build executor (tools/nx-plugin) share: building a project and printing the outcome.
export { runDashboardBuild, runEnvironmentBuild } from './report.js';
export { buildDashboardFile, buildEnvironmentFile } from './project-build.js';
