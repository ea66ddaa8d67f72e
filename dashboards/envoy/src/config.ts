import type { DataSourceRef } from '@o11y/environment';

/** Everything an environment may override without copying the dashboard (kubernetes-mixin style). */
export interface EnvoyConfig {
  /** @default 'envoy-proxy' */
  readonly uid: string;
  /** @default 'Envoy proxy' */
  readonly title: string;
  /** Metrics data source: its type fills the datasource picker, its uid pre-selects it. @default { type: 'prometheus', uid: 'prometheus' } */
  readonly datasource: DataSourceRef;
  /** Label holding the Kubernetes namespace of the proxy. @default 'namespace' */
  readonly namespaceLabel: string;
  /** Label naming the service the proxy fronts (App Mesh: the pod's `app` label). @default 'service' */
  readonly serviceLabel: string;
  /** Extra matchers for every Envoy series, e.g. `job="appmesh-envoy"`. @default '' */
  readonly extraSelector: string;
  /** Latency percentiles drawn. @default [0.5, 0.9, 0.99] */
  readonly quantiles: readonly number[];
  /** Success rate below which the stat turns orange / red. @default { warning: 0.99, critical: 0.95 } */
  readonly successRate: { readonly warning: number; readonly critical: number };
}

export const defaultEnvoyConfig: EnvoyConfig = {
  uid: 'envoy-proxy',
  title: 'Envoy proxy',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  namespaceLabel: 'namespace',
  serviceLabel: 'service',
  extraSelector: '',
  quantiles: [0.5, 0.9, 0.99],
  successRate: { warning: 0.99, critical: 0.95 },
};
