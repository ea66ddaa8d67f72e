import type { DataSourceRef } from '@o11y/environment';

/** Selectors and thresholds an environment may override (kubernetes-mixin style). */
export interface EksConfig {
  /** @default 'eks-node-groups' */
  readonly uid: string;
  /** @default 'EKS cluster and node groups' */
  readonly title: string;
  /** @default { type: 'prometheus', uid: 'prometheus' } */
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
  /** File systems left out of disk usage. @default 'tmpfs|overlay|squashfs|ramfs' */
  readonly ignoredFilesystems: string;
  /** Utilisation (0..1) at which gauges turn orange / red. @default { warning: 0.8, critical: 0.9 } */
  readonly utilisation: { readonly warning: number; readonly critical: number };
}

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
  utilisation: { warning: 0.8, critical: 0.9 },
};
