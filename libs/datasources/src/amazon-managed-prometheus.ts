import { versionAtLeast, type DataSourceDefinition, type EnvRef, type GrafanaTarget } from '@o11y/environment';

/** How Grafana signs requests to AWS. On AMG the workspace IAM role is `ec2_iam_role`. */
export type SigV4AuthType = 'default' | 'ec2_iam_role' | 'grafana_assume_role';

export interface AmazonManagedPrometheusProps {
  /** @default 'amp' */
  readonly uid?: string;
  /** @default 'Amazon Managed Prometheus' */
  readonly name?: string;
  readonly region: string | EnvRef;
  /** AMP workspace id (ws-...). */
  readonly workspaceId: string | EnvRef;
  /** The environment's Grafana target, which holds this data source; its version decides the plugin type. */
  readonly grafana: Pick<GrafanaTarget, 'version'>;
  /** @default 'ec2_iam_role' (the AMG workspace role) */
  readonly authType?: SigV4AuthType;
  /** @default true */
  readonly isDefault?: boolean;
}

/** Plugin id of the Amazon Managed Service for Prometheus data source. */
export const AMAZON_PROMETHEUS_PLUGIN_ID = 'grafana-amazonprometheus-datasource';

/**
 * Amazon Managed Prometheus. Grafana 12 and later use the dedicated plugin (SigV4 in the
 * core Prometheus data source is deprecated and removed in 13); older versions use the core
 * `prometheus` type with SigV4 jsonData. Both take the same jsonData keys.
 */
export function amazonManagedPrometheus(props: AmazonManagedPrometheusProps): DataSourceDefinition {
  return {
    uid: props.uid ?? 'amp',
    name: props.name ?? 'Amazon Managed Prometheus',
    type: versionAtLeast(props.grafana.version, '12') ? AMAZON_PROMETHEUS_PLUGIN_ID : 'prometheus',
    access: 'proxy',
    url: `https://aps-workspaces.${props.region}.amazonaws.com/workspaces/${props.workspaceId}/`,
    isDefault: props.isDefault ?? true,
    jsonData: {
      httpMethod: 'POST',
      sigV4Auth: true,
      sigV4AuthType: props.authType ?? 'ec2_iam_role',
      sigV4Region: props.region,
      timeInterval: '15s',
    },
  };
}
