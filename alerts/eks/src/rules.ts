import { areaAlertSet } from '@o11y/alerting';
import { defaultEksConfig, eksQueries as q, type EksConfig } from '@o11y/dashboard-eks';
import { withOverrides, type DeepPartial, type AlertRuleDefinition, type AlertSet, type PromQLAlertQuery } from '@o11y/environment';

const promql = (c: EksConfig, expr: string): PromQLAlertQuery => ({ kind: 'promql', datasource: c.datasource, expr });
const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

// Missing kube-state-metrics or node-exporter series are a pipeline problem (alerts/pipeline), not a node problem:
// every rule here is OK on no data, and reports query errors as errors.
const quietOnNoData = { noDataState: 'OK', execErrState: 'Error' } as const;

export const kubeNodeNotReady = (c: EksConfig): AlertRuleDefinition => ({
  name: 'KubeNodeNotReady',
  uid: 'eks-kube-node-not-ready',
  query: promql(c, q.nodeReady(q.alertScope(c))),
  threshold: { op: 'lt', value: 1 },
  for: c.nodeNotReady.for,
  severity: c.nodeNotReady.severity,
  summary: 'A node is not ready.',
  description: `Node {{ $labels.node }} has not been Ready for more than ${c.nodeNotReady.for}; its pods are being evicted or cannot start.`,
  runbookUrl: c.runbookUrl('KubeNodeNotReady'),
  panel: { dashboard: c.uid, panel: 'Node conditions' },
  ...quietOnNoData,
});

export const kubePodCrashLooping = (c: EksConfig): AlertRuleDefinition => ({
  name: 'KubePodCrashLooping',
  uid: 'eks-kube-pod-crash-looping',
  query: promql(c, q.containersCrashLooping(q.alertScope(c, c.podCrashLooping.window))),
  threshold: { op: 'gt', value: 0 },
  for: c.podCrashLooping.for,
  severity: c.podCrashLooping.severity,
  summary: 'A container is crash-looping.',
  description: 'Container {{ $labels.container }} of pod {{ $labels.namespace }}/{{ $labels.pod }} is restarting in CrashLoopBackOff.',
  runbookUrl: c.runbookUrl('KubePodCrashLooping'),
  panel: { dashboard: c.uid, panel: 'Pods not running' },
  ...quietOnNoData,
});

export const kubePodNotReady = (c: EksConfig): AlertRuleDefinition => ({
  name: 'KubePodNotReady',
  uid: 'eks-kube-pod-not-ready',
  query: promql(c, q.podsNotRunningOutsideJobs(q.alertScope(c))),
  threshold: { op: 'gt', value: 0 },
  for: c.podNotRunning.for,
  severity: c.podNotRunning.severity,
  summary: 'A pod has not been running for a while.',
  description: `Pod {{ $labels.namespace }}/{{ $labels.pod }} has been Pending, Unknown or Failed for more than ${c.podNotRunning.for}.`,
  runbookUrl: c.runbookUrl('KubePodNotReady'),
  panel: { dashboard: c.uid, panel: 'Pods not running' },
  ...quietOnNoData,
});

export const nodeCpuHighUsage = (c: EksConfig): AlertRuleDefinition => ({
  name: 'NodeCPUHighUsage',
  uid: 'eks-node-cpu-high-usage',
  query: promql(c, q.cpuUtilisation(q.alertScope(c, c.nodeCpu.window))),
  threshold: { op: 'gt', value: c.nodeCpu.threshold },
  for: c.nodeCpu.for,
  severity: c.nodeCpu.severity,
  summary: `Node CPU is more than ${percent(c.nodeCpu.threshold)} busy.`,
  description: (v) => `CPU of {{ $labels.instance }} has been {{ humanizePercentage ${v} }} busy for more than ${c.nodeCpu.for}.`,
  runbookUrl: c.runbookUrl('NodeCPUHighUsage'),
  panel: { dashboard: c.uid, panel: 'CPU utilisation' },
  ...quietOnNoData,
});

export const nodeMemoryHighUtilization = (c: EksConfig): AlertRuleDefinition => ({
  name: 'NodeMemoryHighUtilization',
  uid: 'eks-node-memory-high-utilization',
  query: promql(c, q.memoryUtilisation(q.alertScope(c))),
  threshold: { op: 'gt', value: c.nodeMemory.threshold },
  for: c.nodeMemory.for,
  severity: c.nodeMemory.severity,
  summary: `Node memory is more than ${percent(c.nodeMemory.threshold)} used.`,
  description: (v) =>
    `Memory of {{ $labels.instance }} is {{ humanizePercentage ${v} }} used; the kubelet evicts pods under memory pressure.`,
  runbookUrl: c.runbookUrl('NodeMemoryHighUtilization'),
  panel: { dashboard: c.uid, panel: 'Memory utilisation' },
  ...quietOnNoData,
});

export const nodeFilesystemAlmostOutOfSpace = (c: EksConfig): AlertRuleDefinition => ({
  name: 'NodeFilesystemAlmostOutOfSpace',
  uid: 'eks-node-filesystem-almost-full',
  query: promql(c, q.filesystemUtilisation(c, q.alertScope(c))),
  threshold: { op: 'gt', value: c.nodeFilesystem.threshold },
  for: c.nodeFilesystem.for,
  severity: c.nodeFilesystem.severity,
  summary: `A node file system is more than ${percent(c.nodeFilesystem.threshold)} full.`,
  description: (v) =>
    `File system {{ $labels.mountpoint }} ({{ $labels.device }}) of {{ $labels.instance }} is {{ humanizePercentage ${v} }} full.`,
  runbookUrl: c.runbookUrl('NodeFilesystemAlmostOutOfSpace'),
  panel: { dashboard: c.uid, panel: 'Disk utilisation' },
  ...quietOnNoData,
});

/** EKS cluster alerts from kube-state-metrics and node-exporter, grouped by area like kubernetes-mixin. */
export function eksAlerts(overrides: DeepPartial<EksConfig> = {}): AlertSet {
  const c = withOverrides(defaultEksConfig, overrides);
  return areaAlertSet(c, {
    name: 'eks',
    source: import.meta.filename,
    groups: [
      { name: 'kubernetes-nodes', rules: [kubeNodeNotReady(c)] },
      { name: 'kubernetes-apps', rules: [kubePodCrashLooping(c), kubePodNotReady(c)] },
      {
        name: 'node-exporter',
        rules: [nodeCpuHighUsage(c), nodeMemoryHighUtilization(c), nodeFilesystemAlmostOutOfSpace(c)],
      },
    ],
  });
}
