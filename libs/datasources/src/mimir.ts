import type { DataSourceDefinition, EnvRef } from '@o11y/environment';

export interface MimirProps {
  /** @default 'mimir' */
  readonly uid?: string;
  /** @default 'Mimir' */
  readonly name?: string;
  /** Mimir's Prometheus API root, e.g. http://mimir-nginx.mimir.svc/prometheus */
  readonly url: string | EnvRef;
  /** Tenant id sent as X-Scope-OrgID, from the environment at publish time. */
  readonly tenant?: EnvRef;
  /** @default false */
  readonly isDefault?: boolean;
}

/** Grafana Mimir through the core Prometheus plugin, flavoured as Mimir. */
export function mimir(props: MimirProps): DataSourceDefinition {
  return {
    uid: props.uid ?? 'mimir',
    name: props.name ?? 'Mimir',
    type: 'prometheus',
    access: 'proxy',
    url: props.url,
    isDefault: props.isDefault ?? false,
    jsonData: {
      httpMethod: 'POST',
      prometheusType: 'Mimir',
      timeInterval: '15s',
      ...(props.tenant ? { httpHeaderName1: 'X-Scope-OrgID' } : {}),
    },
    ...(props.tenant ? { secureJsonData: { httpHeaderValue1: props.tenant } } : {}),
  };
}
