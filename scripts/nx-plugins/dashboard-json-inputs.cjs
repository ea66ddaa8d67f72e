// Nx plugin: dashboard JSON files an environment reads with dashboardFromJsonFile('<relative path>')
// become inputs of its build, so editing one is never a cache hit with stale artifacts.
const { readFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

const CALL = /dashboardFromJsonFile\(\s*(['"`])([^'"`$]+)\1\s*\)/g;

/** `environments/<name>/src/*.ts` -> workspace-relative JSON files its dashboardFromJsonFile calls read. */
function jsonFilesOf(sourceFile, workspaceRoot) {
  const text = readFileSync(join(workspaceRoot, sourceFile), 'utf8');
  const files = [];
  for (const m of text.matchAll(CALL)) {
    const path = m[2];
    const absolute = path.startsWith('/') ? path : resolve(workspaceRoot, dirname(sourceFile), path);
    files.push(relative(workspaceRoot, absolute).split('\\').join('/'));
  }
  return files;
}

module.exports = {
  name: 'o11y-dashboard-json-inputs',
  createNodesV2: [
    'environments/*/src/*.ts',
    (sourceFiles, _options, context) => {
      const byProject = new Map();
      for (const file of sourceFiles) {
        const projectRoot = file.split('/').slice(0, 2).join('/');
        const jsonFiles = jsonFilesOf(file, context.workspaceRoot);
        if (jsonFiles.length) byProject.set(projectRoot, [...(byProject.get(projectRoot) ?? []), ...jsonFiles]);
      }
      return sourceFiles.map((file) => {
        const projectRoot = file.split('/').slice(0, 2).join('/');
        const jsonFiles = byProject.get(projectRoot);
        if (!jsonFiles || !file.endsWith('/src/environment.ts')) return [file, {}];
        // The project's own value of the named input the build's target defaults list (empty in nx.json).
        const dashboardJsonFiles = [...new Set(jsonFiles)].sort().map((f) => `{workspaceRoot}/${f}`);
        return [file, { projects: { [projectRoot]: { namedInputs: { dashboardJsonFiles } } } }];
      });
    },
  ],
};
