import { allPanels, variableReference } from '@o11y/grafana-model';

/** Built dashboard and data source JSON, read loosely: only the fields the preview needs. */
export type Json = Record<string, unknown>;

export interface DatasourceJson {
  readonly uid: string;
  readonly name: string;
  readonly type: string;
  readonly isDefault?: boolean;
  readonly jsonData?: { readonly timeInterval?: string };
}

export interface DashboardJson extends Json {
  readonly uid: string;
  readonly title: string;
}

export interface Target extends Json {
  readonly refId: string;
  readonly expr?: string;
  readonly instant?: boolean;
  readonly range?: boolean;
  readonly hide?: boolean;
  readonly datasource?: { readonly uid?: string; readonly type?: string };
}

export interface QueryPanel extends Json {
  readonly id: number;
  readonly title: string;
  readonly targets: readonly Target[];
  readonly datasource?: { readonly uid?: string; readonly type?: string };
  readonly interval?: string;
  readonly maxDataPoints?: number;
}

/** Panels that run queries (rows and text panels do not), including those inside collapsed rows. */
export function queryPanels(dashboard: DashboardJson): QueryPanel[] {
  return allPanels(dashboard).filter((p): p is QueryPanel => Array.isArray(p.targets) && p.targets.length > 0);
}

export function variableModels(dashboard: DashboardJson): Json[] {
  return ((dashboard.templating as { list?: Json[] } | undefined)?.list ?? []) as Json[];
}

/**
 * The data source a target runs against: its own reference, else the panel's, else the default; a
 * `${var}` uid resolves through the dashboard's datasource variable.
 */
export function datasourceOfTarget(
  dashboard: DashboardJson,
  panel: QueryPanel,
  target: Target,
  datasources: readonly DatasourceJson[],
): DatasourceJson | undefined {
  const ref = target.datasource?.uid && target.datasource.uid !== '-- Mixed --' ? target.datasource : panel.datasource;
  const uid = ref?.uid;
  if (!uid) return datasources.find((d) => d.isDefault) ?? datasources[0];
  const variable = variableReference(uid);
  if (variable === undefined) return datasources.find((d) => d.uid === uid || d.name === uid);
  return datasourceVariableValue(dashboard, variable, datasources);
}

/** What a datasource variable selects on load: its current uid or name when that exists, else the default of its type. */
export function datasourceVariableValue(
  dashboard: DashboardJson,
  name: string,
  datasources: readonly DatasourceJson[],
): DatasourceJson | undefined {
  const model = variableModels(dashboard).find((v) => v.name === name && v.type === 'datasource');
  if (!model) return undefined;
  const ofType = datasources.filter((d) => d.type === model.query);
  const current = (model.current as { value?: unknown } | undefined)?.value;
  return ofType.find((d) => d.uid === current || d.name === current) ?? ofType.find((d) => d.isDefault) ?? ofType[0];
}
