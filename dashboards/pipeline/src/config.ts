import { type Severity } from '@o11y/environment';
import { defaultTeamRouteOptions, repoRunbookUrl, type TeamRouteOptions } from '@o11y/alerting';
import type { DataSourceRef } from '@o11y/environment';

/** What scrapes and remote-writes in an environment: the OpenTelemetry Collector (ADOT) or Grafana Alloy. */
export type PipelineScraper = 'otel-collector' | 'alloy';

/**
 * The metrics pipeline area's one config (kubernetes-mixin style): the pipeline-health dashboard and
 * alerts/pipeline both read it, and an environment overrides only what differs, once for both.
 */
export interface PipelineConfig {
  /** Dashboard uid; the alerts link to it. @default 'metrics-pipeline' */
  readonly uid: string;
  /** @default 'Metrics pipeline health' */
  readonly title: string;
  /** @default { type: 'prometheus', uid: 'prometheus' } */
  readonly datasource: DataSourceRef;
  /**
   * The scrapers the environment runs: each adds its own rows and alert from its own metrics (an environment
   * without one would only show empty panels). @default ['otel-collector', 'alloy']
   */
  readonly scrapers: readonly PipelineScraper[];
  /** Matchers selecting the collectors' own `otelcol_*` series, e.g. `service="adot-metrics"`. @default '' */
  readonly collectorSelector: string;
  /** Matchers selecting Alloy's own `prometheus_remote_storage_*` series. @default '' */
  readonly alloySelector: string;
  /** @default 'o11y' */
  readonly folder: string;
  /** Team running the collectors and the metrics backend. @default 'o11y' */
  readonly team: string;
  /** Matchers selecting the scrape targets watched, e.g. `job!~"kubernetes-pods"`. @default '' (every target) */
  readonly targetSelector: string;
  /** Matchers selecting series that must keep arriving while the collector sends. @default '' (any `up` series) */
  readonly receivedSelector: string;
  /** @default repoRunbookUrl: docs/runbooks/<AlertName>.md of this repository (every alert ships one) */
  readonly runbookUrl: (alertname: string) => string;
  /** @default '1m' */
  readonly interval: string;
  /** @default { for: '5m', severity: 'warning' } */
  readonly targetDown: { readonly for: string; readonly severity: Severity };
  /** No sample at all within `window`: nothing reaches the backend. @default { window: '5m', for: '5m', severity: 'critical' } */
  readonly notSending: { readonly window: string; readonly for: string; readonly severity: Severity };
  /** Points the collector or Alloy failed to deliver (after retries) within `window`. @default { window: '5m', for: '10m', severity: 'critical' } */
  readonly exportFailing: { readonly window: string; readonly for: string; readonly severity: Severity };
  /** @default defaultTeamRouteOptions */
  readonly route: TeamRouteOptions;
}

export const defaultPipelineConfig: PipelineConfig = {
  uid: 'metrics-pipeline',
  title: 'Metrics pipeline health',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  scrapers: ['otel-collector', 'alloy'],
  collectorSelector: '',
  alloySelector: '',
  folder: 'o11y',
  team: 'o11y',
  targetSelector: '',
  receivedSelector: '',
  runbookUrl: repoRunbookUrl,
  interval: '1m',
  targetDown: { for: '5m', severity: 'warning' },
  notSending: { window: '5m', for: '5m', severity: 'critical' },
  exportFailing: { window: '5m', for: '10m', severity: 'critical' },
  route: defaultTeamRouteOptions,
};
