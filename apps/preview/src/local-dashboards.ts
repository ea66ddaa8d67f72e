import { buildEnvironment } from '@o11y/artifacts';
import { localEnvironment } from '@o11y/env-local';
import type { DashboardJson, DatasourceJson } from './dashboard-model.js';
import type { EnvironmentDashboards } from './panel-data.js';

/** The local environment built in memory (validated like `npm run build`), as dashboard and data source JSON. */
export function loadLocalDashboards(workspaceRoot: string): EnvironmentDashboards & { readonly files: ReadonlyMap<string, string> } {
  const build = buildEnvironment(localEnvironment, workspaceRoot);
  const read = <T>(kind: string) =>
    build.manifest.resources.filter((r) => r.kind === kind).map((r) => JSON.parse(build.files.get(r.path)!) as T);
  return { dashboards: read<DashboardJson>('dashboard'), datasources: read<DatasourceJson>('datasource'), files: build.files };
}
