import type { DataSourceRef } from '@o11y/environment';

/** Everything an environment may override without copying the dashboard (kubernetes-mixin style). */
export interface SampleAppConfig {
  /** @default 'prometheus-sample-app' */
  readonly uid: string;
  /** @default 'Prometheus sample app' */
  readonly title: string;
  /** Metrics data source: its type fills the datasource picker, its uid pre-selects it. @default { type: 'prometheus', uid: 'prometheus' } */
  readonly datasource: DataSourceRef;
  /** Extra matchers for every sample-app series, e.g. `job="kubernetes-service-endpoints"`. @default '' */
  readonly extraSelector: string;
  /** Histogram percentiles drawn. @default [0.5, 0.9, 0.99] */
  readonly quantiles: readonly number[];
  /** Summary quantiles the app exports (its objectives), as they appear in the `quantile` label. @default ['0.1', '0.5', '0.99'] */
  readonly summaryQuantiles: readonly string[];
  /** Gauge index the picked gauge is divided by, pre-selected (the recipe showed gauge 0 / gauge 2). @default '2' */
  readonly ratioDenominator: string;
}

export const defaultSampleAppConfig: SampleAppConfig = {
  uid: 'prometheus-sample-app',
  title: 'Prometheus sample app',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  extraSelector: '',
  quantiles: [0.5, 0.9, 0.99],
  summaryQuantiles: ['0.1', '0.5', '0.99'],
  ratioDenominator: '2',
};
