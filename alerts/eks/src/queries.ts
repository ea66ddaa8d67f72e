import { avgBy, matchers, rate, series, sumBy } from '@o11y/grafana-kit';
import type { EksAlertsConfig } from './config.js';

/** The dashboard's queries without its variables: every node and pod, fixed windows. */

const ksm = (c: EksAlertsConfig, ...extra: string[]) => matchers(c.kubeStateMetricsSelector, ...extra);
const exporter = (c: EksAlertsConfig, ...extra: string[]) => matchers(c.nodeExporterSelector, ...extra);

/** 1 while the node reports Ready, 0 otherwise (kube-state-metrics keeps one series per status). */
export const nodeReady = (c: EksAlertsConfig) =>
  `max by (node) (${series('kube_node_status_condition', ksm(c, 'condition="Ready"', 'status="true"'))})`;

/** Containers in CrashLoopBackOff at any time within the window. */
export const containersCrashLooping = (c: EksAlertsConfig) =>
  `max by (namespace, pod, container) (max_over_time(${series('kube_pod_container_status_waiting_reason', ksm(c, 'reason="CrashLoopBackOff"'))}[${c.podCrashLooping.window}]))`;

/** Pods Pending, Unknown or Failed, leaving out pods of Jobs (a failed Job is the Job's business). */
export const podsNotRunning = (c: EksAlertsConfig) =>
  `${sumBy(['namespace', 'pod'], series('kube_pod_status_phase', ksm(c, 'phase=~"Pending|Unknown|Failed"')))} * on (namespace, pod) max by (namespace, pod) (${series('kube_pod_owner', ksm(c, 'owner_kind!="Job"'))})`;

export const nodeCpuUtilisation = (c: EksAlertsConfig) =>
  `1 - ${avgBy(['instance'], rate('node_cpu_seconds_total', exporter(c, 'mode="idle"'), c.nodeCpu.window))}`;

export const nodeMemoryUtilisation = (c: EksAlertsConfig) =>
  `1 - ${series('node_memory_MemAvailable_bytes', exporter(c))} / ${series('node_memory_MemTotal_bytes', exporter(c))}`;

/** Per file system (not summed per node like the dashboard): one full mount is enough to hurt. */
export const nodeFilesystemUtilisation = (c: EksAlertsConfig) => {
  const fs = exporter(c, `fstype!~"${c.ignoredFilesystems}"`);
  return `1 - ${series('node_filesystem_avail_bytes', fs)} / ${series('node_filesystem_size_bytes', fs)}`;
};
