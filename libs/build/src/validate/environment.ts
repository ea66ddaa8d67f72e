import { isEnvRef, type EnvironmentDefinition, type Problem } from '@o11y/environment';
import { UID_PATTERN } from './dashboard.js';

/** Problems of the environment itself: folders, data sources and where dashboards go. */
export function validateEnvironment(env: EnvironmentDefinition, file: string): Problem[] {
  const problems: Problem[] = [];
  const report = (resource: string, field: string | undefined, message: string) => problems.push({ file, resource, field, message });

  const folders = new Map(env.folders.map((f) => [f.uid, f]));
  const seenFolders = new Set<string>();
  for (const f of env.folders) {
    const resource = `folder ${f.uid}`;
    if (!UID_PATTERN.test(f.uid)) report(resource, 'uid', 'uid must be 1-40 characters of letters, digits, "-" and "_"');
    if (seenFolders.has(f.uid)) report(resource, 'uid', 'defined twice');
    seenFolders.add(f.uid);
    if (f.parent !== undefined && !folders.has(f.parent)) report(resource, 'parent', `parent folder "${f.parent}" is not defined`);
    // Walk up the parents: a cycle would make the folder impossible to create.
    const path = new Set([f.uid]);
    for (let p = f.parent; p !== undefined; p = folders.get(p)?.parent) {
      if (path.has(p)) {
        report(resource, 'parent', 'folders form a cycle');
        break;
      }
      path.add(p);
    }
  }

  const dsUids = new Set<string>();
  const dsNames = new Set<string>();
  for (const ds of env.datasources) {
    const resource = `datasource ${ds.uid}`;
    if (!UID_PATTERN.test(ds.uid)) report(resource, 'uid', 'uid must be 1-40 characters of letters, digits, "-" and "_"');
    if (dsUids.has(ds.uid)) report(resource, 'uid', 'defined twice');
    if (dsNames.has(ds.name)) report(resource, 'name', `name "${ds.name}" is used by another data source`);
    dsUids.add(ds.uid);
    dsNames.add(ds.name);
    for (const [key, value] of Object.entries(ds.secureJsonData ?? {})) {
      if (!isEnvRef(value))
        report(resource, `secureJsonData.${key}`, 'a secret must be an environment reference (fromEnv("NAME")), never a literal value');
    }
  }
  if (env.datasources.filter((d) => d.isDefault).length > 1) report('datasources', 'isDefault', 'more than one default data source');

  const dashboards = new Set<string>();
  for (const { folder, dashboard } of env.dashboards) {
    const uid = String(dashboard.model.uid);
    const resource = `dashboard ${uid}`;
    if (dashboards.has(uid)) report(resource, 'uid', 'placed twice in this environment');
    dashboards.add(uid);
    if (!folders.has(folder)) report(resource, 'folder', `folder "${folder}" is not defined in this environment`);
  }
  return problems;
}
