// Generators for a dashboard project and an environment project (`npx nx g @o11y/nx-plugin:dashboard <name>`).
// `o11y import` runs the dashboard generator too, for the project files around the code it emits.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { formatFiles, generateFiles, joinPathFragments, names, offsetFromRoot, updateJson, writeJson } = require('@nx/devkit');
const { dashboardFactoryName } = require('./plugin.cjs');

const FILES = join(__dirname, '..', 'files');
const SDK_VERSION = '0.0.21';
/** Folder and package names: lower-case letters, digits and dashes, as `o11y import --into` requires. */
const NAME = /^[a-z0-9][a-z0-9-]*$/;

function checkName(kind, name) {
  if (!NAME.test(name ?? '')) throw new Error(`${kind} name "${name}": use lower-case letters, digits and dashes, e.g. "payments"`);
}

/** The identifiers the templates use, from a project name: `sample-app` -> `sampleAppDashboard`, `SampleAppConfig`. */
function dashboardNames(name) {
  const { propertyName, className } = names(name);
  return {
    name,
    // The same name the plugin's inferred build target calls.
    functionName: dashboardFactoryName(name),
    configType: `${className}Config`,
    scopeType: `${className}Scope`,
    defaultConfig: `default${className}Config`,
    queriesNamespace: `${propertyName}Queries`,
  };
}

/** package.json of a workspace project, written as JSON (not a template) so that every value stays valid JSON. */
function projectPackageJson({ packageName, nxName, tag, description, dependencies, o11y }) {
  return {
    name: packageName,
    version: '0.0.0',
    private: true,
    description,
    type: 'module',
    exports: { '.': './src/index.ts', './package.json': './package.json' },
    nx: { name: nxName, tags: [tag] },
    dependencies: Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b))),
    ...(o11y ? { o11y } : {}),
  };
}

/** Workspace packages by name -> their folder, for TypeScript project references (what `nx sync` would add). */
function workspaceProjects(tree) {
  const byName = new Map();
  for (const group of ['libs', 'dashboards', 'alerts', 'environments', 'apps', 'tools']) {
    for (const child of tree.exists(group) ? tree.children(group) : []) {
      const file = `${group}/${child}/package.json`;
      if (tree.exists(file) && tree.exists(`${group}/${child}/tsconfig.json`))
        byName.set(JSON.parse(tree.read(file, 'utf8')).name, `${group}/${child}`);
    }
  }
  return byName;
}

/** tsconfig.json references of the project's workspace dependencies, so it type-checks before the next `nx sync`. */
function addProjectReferences(tree, directory, dependencies) {
  const projects = workspaceProjects(tree);
  const offset = offsetFromRoot(directory);
  const references = Object.keys(dependencies)
    .filter((d) => projects.has(d))
    .map((d) => ({ path: joinPathFragments(offset, projects.get(d)) }));
  updateJson(tree, join(directory, 'tsconfig.json'), (config) => ({ ...config, references }));
}

/**
 * Dashboard project in `directory` (default dashboards/<name>): package.json, tsconfig.json and
 * vitest.config.ts, and unless `sources: false`, a first config, queries, panel and spec in the
 * shape of dashboards/envoy. Its build target is inferred (tag type:dashboard); `generatedBy`
 * marks a project `o11y import` may replace, `dependencies` adds packages its code imports.
 */
async function dashboardGenerator(tree, options) {
  checkName('dashboard', options.name);
  const directory = options.directory ?? `dashboards/${options.name}`;
  const n = dashboardNames(options.name);
  const title = options.title ?? names(options.name).className.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  const dependencies = {
    '@grafana/grafana-foundation-sdk': SDK_VERSION,
    '@o11y/artifacts': '*',
    '@o11y/environment': '*',
    '@o11y/grafana-kit': '*',
    '@o11y/grafana-model': '*',
  };
  for (const d of options.dependencies ?? []) dependencies[d] ??= '*';
  writeJson(
    tree,
    join(directory, 'package.json'),
    projectPackageJson({
      packageName: `@o11y/dashboard-${options.name}`,
      nxName: `dashboard-${options.name}`,
      tag: 'type:dashboard',
      description: options.description ?? `${title}.`,
      dependencies,
      o11y: options.generatedBy ? { generatedBy: options.generatedBy } : undefined,
    }),
  );
  const substitutions = { ...n, title, uid: options.name.slice(0, 40), offset: offsetFromRoot(directory), tmpl: '' };
  generateFiles(tree, join(FILES, 'project'), directory, substitutions);
  addProjectReferences(tree, directory, dependencies);
  if (options.sources !== false) generateFiles(tree, join(FILES, 'dashboard'), directory, substitutions);
  if (!options.skipFormat) await formatFiles(tree);
  return options.skipInstall ? undefined : () => linkWorkspacePackage(tree.root, directory, `dashboard-${options.name}`);
}

/**
 * Environment project environments/<name>: package.json (tag type:environment, `o11y.buildEnv`: the
 * environment variables its build reads), src/environment.ts with a Prometheus data source and the
 * given dashboard projects placed, a spec and index. Artifacts go to dist/<name>.
 */
async function environmentGenerator(tree, options) {
  checkName('environment', options.name);
  const directory = `environments/${options.name}`;
  const dashboards = (options.dashboards ?? []).map((d) => {
    if (!tree.exists(`dashboards/${d}/package.json`)) throw new Error(`--dashboards ${d}: there is no dashboards/${d}`);
    return dashboardNames(d);
  });
  const description = options.description ?? `The ${options.name} environment.`;
  const dependencies = { '@o11y/artifacts': '*', '@o11y/datasources': '*', '@o11y/environment': '*' };
  for (const d of dashboards) dependencies[`@o11y/dashboard-${d.name}`] = '*';
  writeJson(
    tree,
    join(directory, 'package.json'),
    projectPackageJson({
      packageName: `@o11y/env-${options.name}`,
      nxName: `env-${options.name}`,
      tag: 'type:environment',
      description,
      dependencies,
      o11y: { buildEnv: [] },
    }),
  );
  const substitutions = {
    name: options.name,
    description,
    dashboards,
    environmentName: `${names(options.name).propertyName}Environment`,
    offset: offsetFromRoot(directory),
    tmpl: '',
  };
  generateFiles(tree, join(FILES, 'project'), directory, substitutions);
  addProjectReferences(tree, directory, dependencies);
  generateFiles(tree, join(FILES, 'environment'), directory, substitutions);
  if (!options.skipFormat) await formatFiles(tree);
  return options.skipInstall ? undefined : () => linkWorkspacePackage(tree.root, directory, `env-${options.name}`);
}

/** npm links the new workspace package into node_modules and `nx sync` adds its TypeScript project references. */
function linkWorkspacePackage(root, directory, project) {
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  execFileSync('npx', ['nx', 'sync'], { cwd: root, stdio: 'inherit' });
  process.stdout.write(`${directory}: build it with \`npx nx build ${project}\`\n`);
}

/**
 * The files `dashboardGenerator` writes, in memory and nothing on disk: for `o11y import`, which
 * writes them together with the code it emits. Paths are relative to the project folder.
 */
async function dashboardProjectFiles(workspaceRoot, options) {
  const { FsTree } = require('nx/src/generators/tree');
  const tree = new FsTree(workspaceRoot, false);
  await dashboardGenerator(tree, { ...options, skipInstall: true });
  const directory = options.directory ?? `dashboards/${options.name}`;
  // Read back every file the generator writes: listChanges() would leave out one equal to what is on disk.
  const written = [
    'package.json',
    ...templateFiles(join(FILES, 'project')),
    ...(options.sources === false ? [] : templateFiles(join(FILES, 'dashboard'))),
  ];
  return new Map(written.map((path) => [path, tree.read(join(directory, path), 'utf8')]));
}

/** Paths (relative, `__tmpl__` dropped) of the files a template folder generates. */
function templateFiles(dir, prefix = '') {
  const { readdirSync } = require('node:fs');
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? templateFiles(dir, join(prefix, e.name)) : [join(prefix, e.name).replace(/__tmpl__$/, '')],
  );
}

module.exports = { dashboardGenerator, environmentGenerator, dashboardProjectFiles, dashboardNames };
