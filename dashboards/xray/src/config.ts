import type { DataSourceRef } from '@o11y/environment';

/** Everything an environment may override without copying the dashboard (kubernetes-mixin style). */
export interface XRayConfig {
  /** @default 'xray-services' */
  readonly uid: string;
  /** @default 'X-Ray services' */
  readonly title: string;
  /** X-Ray data source: its type fills the datasource picker, its uid pre-selects it. @default { type: 'grafana-x-ray-datasource', uid: 'xray' } */
  readonly datasource: DataSourceRef;
  /** X-Ray service names offered by the service picker (ho11y's service.name values). @default ['frontend', 'downstream0', 'downstream1'] */
  readonly services: readonly string[];
  /** Region queried; "default" is the data source's default region. @default 'default' */
  readonly region: string;
  /** X-Ray group the queries are scoped to. @default 'Default' */
  readonly group: string;
}

export const defaultXRayConfig: XRayConfig = {
  uid: 'xray-services',
  title: 'X-Ray services',
  datasource: { type: 'grafana-x-ray-datasource', uid: 'xray' },
  services: ['frontend', 'downstream0', 'downstream1'],
  region: 'default',
  group: 'Default',
};
