import { type Severity } from '@o11y/environment';
import { defaultTeamRouteOptions, upstreamOrRepoRunbookUrl, type TeamRouteOptions } from '@o11y/alerting';
import type { DataSourceRef } from '@o11y/environment';

/** A threshold on a 0..1 utilisation held for a while. */
export interface UtilisationAlert {
  readonly threshold: number;
  readonly for: string;
  readonly severity: Severity;
}

/**
 * The EKS area's one config (kubernetes-mixin style): the dashboard and alerts/eks both read it, and an
 * environment overrides only what differs, once for both: `withOverrides(defaultEksConfig, overrides)`.
 */
export interface EksConfig {
  /** Dashboard uid; the alerts link to it. @default 'eks-node-groups' */
  readonly uid: string;
  /** @default 'EKS cluster and node groups' */
  readonly title: string;
  /** Metrics data source of the dashboard and the alerts. @default { type: 'prometheus', uid: 'prometheus' } */
  readonly datasource: DataSourceRef;
  /** kube-state-metrics label holding the node group (needs --metric-labels-allowlist=nodes=[eks.amazonaws.com/nodegroup]). @default 'label_eks_amazonaws_com_nodegroup' */
  readonly nodegroupLabel: string;
  /** Matchers selecting kube-state-metrics series. @default '' */
  readonly kubeStateMetricsSelector: string;
  /** Matchers selecting node-exporter series. @default '' */
  readonly nodeExporterSelector: string;
  /** How node-exporter's `instance` ends after the host IP. @default ':9100' */
  readonly nodeExporterPortSuffix: string;
  /** Network devices left out of throughput (loopback, container veths, CNI bridges). @default 'lo|veth.*|eni.*|docker.*|cni.*|flannel.*|cali.*|cbr.*' */
  readonly ignoredNetworkDevices: string;
  /** File systems left out of disk usage (node-mixin also requires a non-empty `fstype` and `mountpoint`). @default 'tmpfs|overlay|squashfs|ramfs' */
  readonly ignoredFilesystems: string;
  /** Mount points left out of disk usage: volumes the kubelet mounts for pods belong to the pods (and their PVs), not the node. @default '/var/lib/kubelet/.+' */
  readonly ignoredMountpoints: string;
  /** Utilisation (0..1) at which gauges turn orange / red. @default { warning: 0.8, critical: 0.9 } */
  readonly utilisation: { readonly warning: number; readonly critical: number };
  /** Grafana folder of the rule groups. @default 'o11y-kubernetes' */
  readonly folder: string;
  /** Team owning the alerts. @default 'platform' */
  readonly team: string;
  /** Runbook of an alert, from its name. @default upstreamOrRepoRunbookUrl: the mixin's page on runbooks.prometheus-operator.dev where one exists, else docs/runbooks/<AlertName>.md */
  readonly runbookUrl: (alertname: string) => string;
  /** Evaluation interval of every rule group. @default '1m' */
  readonly interval: string;
  /** @default { for: '15m', severity: 'warning' } */
  readonly nodeNotReady: { readonly for: string; readonly severity: Severity };
  /** Restarts seen within `window`. @default { window: '5m', for: '15m', severity: 'warning' } */
  readonly podCrashLooping: { readonly window: string; readonly for: string; readonly severity: Severity };
  /** Pods (not owned by Jobs) Pending, Unknown or Failed. @default { for: '15m', severity: 'warning' } */
  readonly podNotRunning: { readonly for: string; readonly severity: Severity };
  /** Node CPU busy share over `window`; the dashboard's red. @default { threshold: 0.9, window: '5m', for: '15m', severity: 'warning' } */
  readonly nodeCpu: UtilisationAlert & { readonly window: string };
  /** The dashboard's red. @default { threshold: 0.9, for: '15m', severity: 'warning' } */
  readonly nodeMemory: UtilisationAlert;
  /** A full disk stops the kubelet and the pods; hence critical. @default { threshold: 0.9, for: '30m', severity: 'critical' } */
  readonly nodeFilesystem: UtilisationAlert;
  /** How the team's alerts are routed. @default defaultTeamRouteOptions */
  readonly route: TeamRouteOptions;
}

const utilisation = { warning: 0.8, critical: 0.9 };

export const defaultEksConfig: EksConfig = {
  uid: 'eks-node-groups',
  title: 'EKS cluster and node groups',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  nodegroupLabel: 'label_eks_amazonaws_com_nodegroup',
  kubeStateMetricsSelector: '',
  nodeExporterSelector: '',
  nodeExporterPortSuffix: ':9100',
  ignoredNetworkDevices: 'lo|veth.*|eni.*|docker.*|cni.*|flannel.*|cali.*|cbr.*',
  ignoredFilesystems: 'tmpfs|overlay|squashfs|ramfs',
  ignoredMountpoints: '/var/lib/kubelet/.+',
  utilisation,
  folder: 'o11y-kubernetes',
  team: 'platform',
  runbookUrl: upstreamOrRepoRunbookUrl,
  interval: '1m',
  nodeNotReady: { for: '15m', severity: 'warning' },
  podCrashLooping: { window: '5m', for: '15m', severity: 'warning' },
  podNotRunning: { for: '15m', severity: 'warning' },
  nodeCpu: { threshold: utilisation.critical, window: '5m', for: '15m', severity: 'warning' },
  nodeMemory: { threshold: utilisation.critical, for: '15m', severity: 'warning' },
  nodeFilesystem: { threshold: utilisation.critical, for: '30m', severity: 'critical' },
  route: defaultTeamRouteOptions,
};
