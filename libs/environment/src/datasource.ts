import type { EnvRef } from './env-ref.js';

/** A data source as the Grafana HTTP API takes it (POST/PUT /api/datasources). */
export interface DataSourceDefinition {
  readonly uid: string;
  readonly name: string;
  /** Plugin id, e.g. `prometheus` or `grafana-x-ray-datasource`. */
  readonly type: string;
  readonly access: 'proxy';
  readonly url?: string;
  readonly isDefault?: boolean;
  readonly basicAuth?: boolean;
  readonly basicAuthUser?: string;
  readonly jsonData: Readonly<Record<string, unknown>>;
  /** Write-only settings; every value must be an environment reference, never a literal secret. */
  readonly secureJsonData?: Readonly<Record<string, EnvRef>>;
}

/** How a dashboard or alert points at a data source: `{ type, uid }`. */
export interface DataSourceRef {
  readonly type: string;
  readonly uid: string;
}

export function refOf(ds: DataSourceDefinition): DataSourceRef {
  return { type: ds.type, uid: ds.uid };
}
