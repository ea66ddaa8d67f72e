// The build executor: the build itself and its printing are apps/cli's (src/build), shared with `o11y build`.
// Its batch form builds every dashboard and environment of one Nx run in one process, so the
// TypeScript definitions (foundation SDK, cdk8s, alerting) load once instead of once per project.
const { join } = require('node:path');

const { pathToFileURL } = require('node:url');

/** The workspace's CLI build module, by path (the CLI imports this package's generators; no cycle of packages). */
const CLI_BUILD = 'apps/cli/src/build/index.ts';

let cliBuild;
/** apps/cli's build module, loaded once per process through tsx (definitions are TypeScript). */
function loadCliBuild(workspaceRoot) {
  cliBuild ??= (async () => {
    const { register } = await import('tsx/esm/api');
    register();
    return import(pathToFileURL(join(workspaceRoot, CLI_BUILD)).href);
  })();
  return cliBuild;
}

/** Builds one project from its target options; true when its artifacts were written. */
async function buildProject(options, projectRoot, workspaceRoot) {
  const build = await loadCliBuild(workspaceRoot);
  const dir = join(workspaceRoot, projectRoot);
  if (options.environment) return build.buildEnvironmentFile(join(dir, options.environment));
  if (options.dashboard && options.export) return build.buildDashboardFile(join(dir, options.dashboard), options.export, dir);
  process.stderr.write(`error: ${projectRoot}: the build target names neither an environment nor a dashboard file and its export\n`);
  return false;
}

/** One task (`nx build <project>` outside a batch): output goes straight to the terminal. */
async function buildExecutor(options, context) {
  const project = context.projectsConfigurations.projects[context.projectName];
  return { success: await buildProject(options, project.root, context.root) };
}

/** Runs `run` with everything written to stdout and stderr captured, as one task's terminal output. */
async function captured(run) {
  const output = [];
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture = (chunk, encoding, callback) => {
    output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    if (typeof encoding === 'function') encoding();
    else if (typeof callback === 'function') callback();
    return true;
  };
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    return { success: await run(), terminalOutput: output.join('') };
  } catch (e) {
    output.push(`error: ${e?.stack ?? e}\n`);
    return { success: false, terminalOutput: output.join('') };
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
  }
}

/** Batch mode (preferBatch): every build task of the run in this one process, reported task by task. */
async function* batchBuild(taskGraph, inputs, _overrides, context) {
  for (const task of Object.values(taskGraph.tasks)) {
    const root = context.projectsConfigurations.projects[task.target.project].root;
    const result = await captured(() => buildProject(inputs[task.id], root, context.root));
    yield { task: task.id, result };
  }
}

module.exports = buildExecutor;
module.exports.default = buildExecutor;
module.exports.batchBuild = batchBuild;
