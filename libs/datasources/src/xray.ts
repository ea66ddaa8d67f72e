import type { DataSourceDefinition, EnvRef } from '@o11y/environment';
import type { SigV4AuthType } from './amazon-managed-prometheus.js';

export interface XRayProps {
  /** @default 'xray' */
  readonly uid?: string;
  /** @default 'AWS X-Ray' */
  readonly name?: string;
  readonly region: string | EnvRef;
  /** @default 'ec2_iam_role' */
  readonly authType?: SigV4AuthType;
}

/** AWS X-Ray (plugin grafana-x-ray-datasource). */
export function xray(props: XRayProps): DataSourceDefinition {
  return {
    uid: props.uid ?? 'xray',
    name: props.name ?? 'AWS X-Ray',
    type: 'grafana-x-ray-datasource',
    access: 'proxy',
    jsonData: { authType: props.authType ?? 'ec2_iam_role', defaultRegion: props.region },
  };
}
