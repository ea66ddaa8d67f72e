import type { EnvironmentDefinition, Problem } from '@o11y/environment';
import { UID_PATTERN, UID_RULE } from '@o11y/grafana-model';
import { literalSecretsIn } from './datasource-secrets.js';

/** Where a workspace file is shown in messages (relative to the workspace root). */
export type ShowPath = (absolute: string) => string;

/** Problems of the environment itself: folders, data sources and where dashboards go. */
export function validateEnvironment(env: EnvironmentDefinition, file: string, show: ShowPath = (f) => f): Problem[] {
  const problems: Problem[] = [];
  const report = (resource: string, field: string | undefined, message: string) => problems.push({ file, resource, field, message });

  const folders = new Map(env.folders.map((f) => [f.uid, f]));
  const seenFolders = new Set<string>();
  for (const f of env.folders) {
    const resource = `folder ${f.uid}`;
    if (!UID_PATTERN.test(f.uid)) report(resource, 'uid', UID_RULE);
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
    if (!UID_PATTERN.test(ds.uid)) report(resource, 'uid', UID_RULE);
    if (dsUids.has(ds.uid)) report(resource, 'uid', 'defined twice');
    if (dsNames.has(ds.name)) report(resource, 'name', `name "${ds.name}" is used by another data source`);
    dsUids.add(ds.uid);
    dsNames.add(ds.name);
    for (const [field, message] of literalSecretsIn(ds)) report(resource, field, message);
  }
  if (env.datasources.filter((d) => d.isDefault).length > 1) report('datasources', 'isDefault', 'more than one default data source');

  const dashboards = new Map<string, string>();
  for (const { folder, dashboard } of env.dashboards) {
    const uid = String(dashboard.model.uid);
    const resource = `dashboard ${uid}`;
    const first = dashboards.get(uid);
    if (first !== undefined)
      report(
        resource,
        'uid',
        first === dashboard.source
          ? `placed twice in this environment (${show(first)})`
          : `defined twice: in ${show(first)} and in ${show(dashboard.source)}`,
      );
    else dashboards.set(uid, dashboard.source);
    if (!folders.has(folder)) report(resource, 'folder', `folder "${folder}" is not defined in this environment`);
  }
  return problems;
}
