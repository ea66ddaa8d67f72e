import { defaultTeamRouteOptions, type Severity, type TeamRouteOptions } from '@o11y/alerting';
import { defaultEksConfig } from '@o11y/dashboard-eks';
import type { DataSourceRef } from '@o11y/environment';

/** A threshold on a 0..1 utilisation held for a while. */
export interface UtilisationAlert {
  readonly threshold: number;
  readonly for: string;
  readonly severity: Severity;
}

/** Selectors and thresholds an environment may override without copying a rule (kubernetes-mixin style). */
export interface EksAlertsConfig {
  /** @default { type: 'prometheus', uid: 'prometheus' } */
  readonly datasource: DataSourceRef;
  /** @default 'o11y-kubernetes' */
  readonly folder: string;
  /** @default 'platform' */
  readonly team: string;
  /** Matchers selecting kube-state-metrics series; the dashboard's. @default '' */
  readonly kubeStateMetricsSelector: string;
  /** Matchers selecting node-exporter series; the dashboard's. @default '' */
  readonly nodeExporterSelector: string;
  /** File systems that never fill up in a way that matters; the dashboard's. @default 'tmpfs|overlay|squashfs|ramfs' */
  readonly ignoredFilesystems: string;
  /** @default 'eks-node-groups' */
  readonly dashboardUid: string;
  /** Runbook of an alert, from its name. @default the kubernetes-mixin runbooks (runbooks.prometheus-operator.dev) */
  readonly runbookUrl: (alertname: string) => string;
  /** @default '1m' */
  readonly interval: string;
  /** @default { for: '15m', severity: 'warning' } */
  readonly nodeNotReady: { readonly for: string; readonly severity: Severity };
  /** Restarts seen within `window`. @default { window: '5m', for: '15m', severity: 'warning' } */
  readonly podCrashLooping: { readonly window: string; readonly for: string; readonly severity: Severity };
  /** Pods (not owned by Jobs) Pending, Unknown or Failed. @default { for: '15m', severity: 'warning' } */
  readonly podNotRunning: { readonly for: string; readonly severity: Severity };
  /** Node CPU busy share over `window`; the dashboard's red. @default { threshold: 0.9, window: '5m', for: '15m', severity: 'warning' } */
  readonly nodeCpu: UtilisationAlert & { readonly window: string };
  /** @default { threshold: 0.9, for: '15m', severity: 'warning' } */
  readonly nodeMemory: UtilisationAlert;
  /** A full disk stops the kubelet and the pods; hence critical. @default { threshold: 0.9, for: '30m', severity: 'critical' } */
  readonly nodeFilesystem: UtilisationAlert;
  /** @default defaultTeamRouteOptions */
  readonly route: TeamRouteOptions;
}

export const defaultEksAlertsConfig: EksAlertsConfig = {
  datasource: { type: 'prometheus', uid: 'prometheus' },
  folder: 'o11y-kubernetes',
  team: 'platform',
  kubeStateMetricsSelector: defaultEksConfig.kubeStateMetricsSelector,
  nodeExporterSelector: defaultEksConfig.nodeExporterSelector,
  ignoredFilesystems: defaultEksConfig.ignoredFilesystems,
  dashboardUid: defaultEksConfig.uid,
  runbookUrl: (alertname) =>
    `https://runbooks.prometheus-operator.dev/runbooks/${alertname.startsWith('Kube') ? 'kubernetes' : 'node'}/${alertname.toLowerCase()}`,
  interval: '1m',
  nodeNotReady: { for: '15m', severity: 'warning' },
  podCrashLooping: { window: '5m', for: '15m', severity: 'warning' },
  podNotRunning: { for: '15m', severity: 'warning' },
  nodeCpu: { threshold: defaultEksConfig.utilisation.critical, window: '5m', for: '15m', severity: 'warning' },
  nodeMemory: { threshold: defaultEksConfig.utilisation.critical, for: '15m', severity: 'warning' },
  nodeFilesystem: { threshold: defaultEksConfig.utilisation.critical, for: '30m', severity: 'critical' },
  route: defaultTeamRouteOptions,
};
