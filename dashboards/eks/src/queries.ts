import { matchers, rate, ratio, series, sumBy } from '@o11y/grafana-kit';
import type { EksConfig } from './config.js';

/** Nodes picked by the node group and node variables (kube-state-metrics). */
const ksmNodes = (c: EksConfig) => matchers(c.kubeStateMetricsSelector, 'node=~"$node"');
/** node-exporter series of the picked instances (host IPs). */
const exporter = (c: EksConfig, ...extra: string[]) =>
  matchers(c.nodeExporterSelector, `instance=~"($instance)${c.nodeExporterPortSuffix}"`, ...extra);

export const nodeCount = (c: EksConfig) => sumBy([], series('kube_node_info', ksmNodes(c)));
export const podCount = (c: EksConfig) => sumBy([], series('kube_pod_info', ksmNodes(c)));

/** Pods whose phase is not Running or Succeeded, joined to their node so the node filter applies. */
export const podsNotRunning = (c: EksConfig) =>
  `sum(kube_pod_status_phase{${matchers(c.kubeStateMetricsSelector, 'phase=~"Pending|Failed|Unknown"')}} * on (namespace, pod) group_left (node) max by (namespace, pod, node) (kube_pod_info{${ksmNodes(c)}}))`;

export const podsRunning = (c: EksConfig) =>
  `sum(kube_pod_status_phase{${matchers(c.kubeStateMetricsSelector, 'phase="Running"')}} * on (namespace, pod) group_left (node) max by (namespace, pod, node) (kube_pod_info{${ksmNodes(c)}}))`;

export const nodesNotReady = (c: EksConfig) =>
  sumBy([], series('kube_node_status_condition', matchers(ksmNodes(c), 'condition="Ready"', 'status!="true"')));

/** Conditions currently true on each node (Ready, MemoryPressure, DiskPressure, PIDPressure, ...). */
export const nodeConditions = (c: EksConfig) =>
  `max by (node, condition) (kube_node_status_condition{${matchers(ksmNodes(c), 'status="true"')}})`;

export const cpuUtilisation = (c: EksConfig) => `1 - avg by (instance) (${rate('node_cpu_seconds_total', exporter(c, 'mode="idle"'))})`;

export const memoryUtilisation = (c: EksConfig) =>
  `1 - ${series('node_memory_MemAvailable_bytes', exporter(c))} / ${series('node_memory_MemTotal_bytes', exporter(c))}`;

export const diskUtilisation = (c: EksConfig) => {
  const fs = exporter(c, `fstype!~"${c.ignoredFilesystems}"`);
  return `1 - ${ratio(sumBy(['instance'], series('node_filesystem_avail_bytes', fs)), sumBy(['instance'], series('node_filesystem_size_bytes', fs)))}`;
};

export const diskReadThroughput = (c: EksConfig) => sumBy(['instance'], rate('node_disk_read_bytes_total', exporter(c)));
export const diskWriteThroughput = (c: EksConfig) => sumBy(['instance'], rate('node_disk_written_bytes_total', exporter(c)));

export const networkReceiveThroughput = (c: EksConfig) =>
  sumBy(['instance'], rate('node_network_receive_bytes_total', exporter(c, `device!~"${c.ignoredNetworkDevices}"`)));
export const networkTransmitThroughput = (c: EksConfig) =>
  sumBy(['instance'], rate('node_network_transmit_bytes_total', exporter(c, `device!~"${c.ignoredNetworkDevices}"`)));

export const loadAverage = (c: EksConfig, minutes: 1 | 5 | 15) => series(`node_load${minutes}`, exporter(c));
