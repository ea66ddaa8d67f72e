// Nx local plugin: every dashboards/<name> tagged type:dashboard and every environments/<name> tagged
// type:environment gets a `build` target, inferred here instead of written in each project.
const { existsSync, readFileSync, readdirSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

const BUILD_EXECUTOR = '@o11y/nx-plugin:build';
/** What every build also depends on: this executor and the CLI's build code it runs. */
const BUILD_TOOL_INPUTS = [
  '{workspaceRoot}/tools/nx-plugin/src/build-executor.cjs',
  '{workspaceRoot}/apps/cli/src/build/**/*.ts',
  '!{workspaceRoot}/apps/cli/src/build/**/*.spec.ts',
];
const JSON_DASHBOARD_CALL = /dashboardFromJsonFile\(\s*(['"`])([^'"`$]+)\1\s*\)/g;

/** `sample-app` -> `sampleAppDashboard`: the factory a dashboard project's src/dashboard.ts exports. */
function dashboardFactoryName(name) {
  return `${name.replace(/-(\w)/g, (_, c) => c.toUpperCase())}Dashboard`;
}

/**
 * Workspace-relative JSON files the project's sources read with dashboardFromJsonFile('<path>'):
 * inputs of its build, so editing one is never a cache hit with stale artifacts.
 */
function dashboardJsonFiles(projectRoot, workspaceRoot) {
  const src = join(workspaceRoot, projectRoot, 'src');
  if (!existsSync(src)) return [];
  const files = new Set();
  for (const name of readdirSync(src)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const sourceFile = join(src, name);
    for (const m of readFileSync(sourceFile, 'utf8').matchAll(JSON_DASHBOARD_CALL)) {
      const absolute = m[2].startsWith('/') ? m[2] : resolve(dirname(sourceFile), m[2]);
      files.add(relative(workspaceRoot, absolute).split('\\').join('/'));
    }
  }
  return [...files].sort();
}

/** The build target of a project from its package.json, or undefined when its tags call for none. */
function buildTarget(projectRoot, packageJson, workspaceRoot) {
  const tags = packageJson.nx?.tags ?? [];
  const name = projectRoot.split('/').pop();
  if (tags.includes('type:dashboard')) {
    return {
      executor: BUILD_EXECUTOR,
      options: { dashboard: 'src/dashboard.ts', export: dashboardFactoryName(name) },
      cache: true,
      inputs: ['production', '^production', ...BUILD_TOOL_INPUTS],
      outputs: ['{projectRoot}/dist/dashboard'],
    };
  }
  if (tags.includes('type:environment')) {
    // Environment variables the build reads (chart values), listed in the project's package.json "o11y.buildEnv".
    const buildEnv = packageJson.o11y?.buildEnv ?? [];
    return {
      executor: BUILD_EXECUTOR,
      options: { environment: 'src/environment.ts' },
      cache: true,
      inputs: [
        'production',
        '^production',
        ...dashboardJsonFiles(projectRoot, workspaceRoot).map((f) => `{workspaceRoot}/${f}`),
        ...buildEnv.map((env) => ({ env })),
        ...BUILD_TOOL_INPUTS,
      ],
      outputs: [`{workspaceRoot}/dist/${name}`],
    };
  }
  return undefined;
}

module.exports = {
  name: 'o11y',
  createNodesV2: [
    // The sources too, so adding a dashboardFromJsonFile call recomputes the inputs.
    '*/*/{package.json,src/*.ts}',
    (files, _options, context) => {
      const roots = [...new Set(files.map((f) => f.split('/').slice(0, 2).join('/')))].filter((r) =>
        /^(dashboards|environments)\//.test(r),
      );
      return roots.map((projectRoot) => {
        const packageJsonFile = join(context.workspaceRoot, projectRoot, 'package.json');
        if (!existsSync(packageJsonFile)) return [`${projectRoot}/package.json`, {}];
        const target = buildTarget(projectRoot, JSON.parse(readFileSync(packageJsonFile, 'utf8')), context.workspaceRoot);
        return [`${projectRoot}/package.json`, target ? { projects: { [projectRoot]: { targets: { build: target } } } } : {}];
      });
    },
  ],
  buildTarget,
  dashboardFactoryName,
};
