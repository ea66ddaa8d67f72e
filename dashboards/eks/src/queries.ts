import { avgBy, matchers, rate, ratio, series, sumBy } from '@o11y/grafana-kit';
import type { EksConfig } from './config.js';

/**
 * kube-state-metrics and node-exporter queries of the dashboard and the alerts alike: every query takes the
 * matchers it applies and the range its rates use (a scope).
 */

/** What a query looks at: matchers of kube-state-metrics and node-exporter series, and the range of its rates. */
export interface EksScope {
  readonly kubeStateMetrics: string;
  readonly nodeExporter: string;
  /** @default '$__rate_interval' */
  readonly range?: string;
}

/** The dashboard's scope: the picked nodes (kube-state-metrics) and instances (host IPs, node-exporter). */
export const dashboardScope = (c: EksConfig): EksScope => ({
  kubeStateMetrics: matchers(c.kubeStateMetricsSelector, 'node=~"$node"'),
  nodeExporter: matchers(c.nodeExporterSelector, `instance=~"($instance)${c.nodeExporterPortSuffix}"`),
});

/** An alert's scope: every node and pod, a fixed window (rule evaluators know no Grafana variables). */
export const alertScope = (c: EksConfig, window?: string): EksScope => ({
  kubeStateMetrics: c.kubeStateMetricsSelector,
  nodeExporter: c.nodeExporterSelector,
  range: window,
});

export const nodeCount = (s: EksScope) => sumBy([], series('kube_node_info', s.kubeStateMetrics));
export const podCount = (s: EksScope) => sumBy([], series('kube_pod_info', s.kubeStateMetrics));

/** Pods whose phase is not Running or Succeeded, joined to their node so the node filter applies. */
export const podsNotRunning = (c: EksConfig, s: EksScope) =>
  `sum(kube_pod_status_phase{${matchers(c.kubeStateMetricsSelector, 'phase=~"Pending|Failed|Unknown"')}} * on (namespace, pod) group_left (node) max by (namespace, pod, node) (kube_pod_info{${s.kubeStateMetrics}}))`;

export const podsRunning = (c: EksConfig, s: EksScope) =>
  `sum(kube_pod_status_phase{${matchers(c.kubeStateMetricsSelector, 'phase="Running"')}} * on (namespace, pod) group_left (node) max by (namespace, pod, node) (kube_pod_info{${s.kubeStateMetrics}}))`;

/** Pods Pending, Unknown or Failed, one series each, leaving out pods of Jobs (a failed Job is the Job's business). */
export const podsNotRunningOutsideJobs = (s: EksScope) =>
  `${sumBy(['namespace', 'pod'], series('kube_pod_status_phase', matchers(s.kubeStateMetrics, 'phase=~"Pending|Unknown|Failed"')))} * on (namespace, pod) max by (namespace, pod) (${series('kube_pod_owner', matchers(s.kubeStateMetrics, 'owner_kind!="Job"'))})`;

/** Containers in CrashLoopBackOff at any time within the scope's range. */
export const containersCrashLooping = (s: EksScope) =>
  `max by (namespace, pod, container) (max_over_time(${series('kube_pod_container_status_waiting_reason', matchers(s.kubeStateMetrics, 'reason="CrashLoopBackOff"'))}[${s.range}]))`;

export const nodesNotReady = (s: EksScope) =>
  sumBy([], series('kube_node_status_condition', matchers(s.kubeStateMetrics, 'condition="Ready"', 'status!="true"')));

/** 1 while the node reports Ready, 0 otherwise (kube-state-metrics keeps one series per status). */
export const nodeReady = (s: EksScope) =>
  `max by (node) (${series('kube_node_status_condition', matchers(s.kubeStateMetrics, 'condition="Ready"', 'status="true"'))})`;

/** Conditions currently true on each node (Ready, MemoryPressure, DiskPressure, PIDPressure, ...). */
export const nodeConditions = (s: EksScope) =>
  `max by (node, condition) (kube_node_status_condition{${matchers(s.kubeStateMetrics, 'status="true"')}})`;

export const cpuUtilisation = (s: EksScope) =>
  `1 - ${avgBy(['instance'], rate('node_cpu_seconds_total', matchers(s.nodeExporter, 'mode="idle"'), s.range))}`;

export const memoryUtilisation = (s: EksScope) =>
  `1 - ${series('node_memory_MemAvailable_bytes', s.nodeExporter)} / ${series('node_memory_MemTotal_bytes', s.nodeExporter)}`;

/** node-mixin's file system selectors (fstype and mountpoint set), minus pseudo file systems and kubelet pod volumes. */
const filesystems = (c: EksConfig, s: EksScope) =>
  matchers(s.nodeExporter, 'fstype!=""', `fstype!~"${c.ignoredFilesystems}"`, 'mountpoint!=""', `mountpoint!~"${c.ignoredMountpoints}"`);

/**
 * Used share of a node's disks: each device counted once (node-mixin's max over its mount points), since bind
 * mounts of one device would otherwise count its bytes again.
 */
export const diskUtilisation = (c: EksConfig, s: EksScope) => {
  const fs = filesystems(c, s);
  const perDevice = (metric: string) => sumBy(['instance'], `max by (instance, device) (${series(metric, fs)})`);
  return `1 - ${ratio(perDevice('node_filesystem_avail_bytes'), perDevice('node_filesystem_size_bytes'))}`;
};

/** Used share per writable file system (not summed per node): one full mount is enough to hurt; read-only ones never fill. */
export const filesystemUtilisation = (c: EksConfig, s: EksScope) => {
  const fs = filesystems(c, s);
  // Parenthesised whole: a rule's `> threshold` appended after `and` would bind to the read-only comparison.
  return `((1 - ${series('node_filesystem_avail_bytes', fs)} / ${series('node_filesystem_size_bytes', fs)}) and ${series('node_filesystem_readonly', fs)} == 0)`;
};

export const diskReadThroughput = (s: EksScope) => sumBy(['instance'], rate('node_disk_read_bytes_total', s.nodeExporter, s.range));
export const diskWriteThroughput = (s: EksScope) => sumBy(['instance'], rate('node_disk_written_bytes_total', s.nodeExporter, s.range));

const devices = (c: EksConfig, s: EksScope) => matchers(s.nodeExporter, `device!~"${c.ignoredNetworkDevices}"`);
export const networkReceiveThroughput = (c: EksConfig, s: EksScope) =>
  sumBy(['instance'], rate('node_network_receive_bytes_total', devices(c, s), s.range));
export const networkTransmitThroughput = (c: EksConfig, s: EksScope) =>
  sumBy(['instance'], rate('node_network_transmit_bytes_total', devices(c, s), s.range));

export const loadAverage = (s: EksScope, minutes: 1 | 5 | 15) => series(`node_load${minutes}`, s.nodeExporter);
