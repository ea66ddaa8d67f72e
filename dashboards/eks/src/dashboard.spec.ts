import { describe, expect, it } from 'vitest';
import { normalizeDashboard, validateDashboard } from '@o11y/grafana-model';
import { eksDashboard } from './dashboard.js';

const model = (overrides = {}) => normalizeDashboard(eksDashboard(overrides).model) as any;
const panel = (d: any, title: string) => {
  const p = d.panels.find((x: any) => x.title === title);
  if (!p) throw new Error(`no panel "${title}"`);
  return p;
};
const exprs = (d: any, title: string): string[] => panel(d, title).targets.map((t: any) => t.expr);

describe('eksDashboard', () => {
  it('lists cluster and node panels in order', () => {
    expect(model().panels.map((p: any) => `${p.type}:${p.title}`)).toEqual([
      'row:Cluster',
      'stat:Nodes',
      'stat:Nodes not ready',
      'stat:Pods',
      'stat:Pods not running',
      'timeseries:Pods running vs not running',
      'table:Node conditions',
      'row:Node resources',
      'timeseries:CPU utilisation',
      'timeseries:Memory utilisation',
      'timeseries:Disk utilisation',
      'timeseries:Load average',
      'timeseries:Disk throughput',
      'timeseries:Network throughput',
    ]);
  });

  it('chains node group, node and instance variables from kube-state-metrics', () => {
    const vars = model().templating.list;
    expect(vars.map((v: any) => v.name)).toEqual(['datasource', 'nodegroup', 'node', 'instance']);
    expect(vars.slice(1).map((v: any) => v.definition)).toEqual([
      'label_values(kube_node_labels, label_eks_amazonaws_com_nodegroup)',
      'label_values(kube_node_labels{label_eks_amazonaws_com_nodegroup=~"$nodegroup"}, node)',
      'label_values(kube_pod_info{node=~"$node"}, host_ip)',
    ]);
  });

  it('reports throughput in bytes per second, not "mbytes"', () => {
    const d = model();
    for (const title of ['Disk throughput', 'Network throughput']) expect(panel(d, title).fieldConfig.defaults.unit).toBe('Bps');
    expect(exprs(d, 'Disk throughput')).toEqual([
      'sum by (instance) (rate(node_disk_read_bytes_total{instance=~"($instance):9100"}[$__rate_interval]))',
      'sum by (instance) (rate(node_disk_written_bytes_total{instance=~"($instance):9100"}[$__rate_interval]))',
    ]);
    expect(exprs(d, 'Network throughput')[0]).toContain('device!~"lo|veth.*|eni.*|docker.*|cni.*|flannel.*|cali.*|cbr.*"');
  });

  it('shows utilisation as a 0..1 ratio with thresholds', () => {
    const cpu = panel(model(), 'CPU utilisation');
    expect(cpu.fieldConfig.defaults).toMatchObject({ unit: 'percentunit', min: 0, max: 1 });
    expect(cpu.targets[0].expr).toBe(
      '1 - avg by (instance) (rate(node_cpu_seconds_total{instance=~"($instance):9100", mode="idle"}[$__rate_interval]))',
    );
    expect(cpu.fieldConfig.defaults.thresholds.steps.map((s: any) => s.value)).toEqual([null, 0.8, 0.9]);
  });

  it('counts pods not running on the picked nodes from their phase', () => {
    expect(exprs(model(), 'Pods not running')).toEqual([
      'sum(kube_pod_status_phase{phase=~"Pending|Failed|Unknown"} * on (namespace, pod) group_left (node) max by (namespace, pod, node) (kube_pod_info{node=~"$node"}))',
    ]);
  });

  it('lists node conditions from kube-state-metrics', () => {
    expect(exprs(model(), 'Node conditions')).toEqual([
      'max by (node, condition) (kube_node_status_condition{node=~"$node", status="true"})',
    ]);
  });

  it('draws 1, 5 and 15 minute load averages', () => {
    expect(exprs(model(), 'Load average')).toEqual([
      'node_load1{instance=~"($instance):9100"}',
      'node_load5{instance=~"($instance):9100"}',
      'node_load15{instance=~"($instance):9100"}',
    ]);
  });

  it('passes validation', () => {
    expect(validateDashboard(model(), { file: 'eks' })).toEqual([]);
  });

  it('takes selectors from the environment', () => {
    const d = model({ kubeStateMetricsSelector: 'job="kube-state-metrics"', nodeExporterPortSuffix: ':9101' });
    expect(exprs(d, 'Nodes')).toEqual(['sum(kube_node_info{job="kube-state-metrics", node=~"$node"})']);
    expect(exprs(d, 'Load average')[0]).toBe('node_load1{instance=~"($instance):9101"}');
  });
});
