import { describe, expect, it } from 'vitest';
import { KubeStateMetrics } from './kube-state-metrics.js';
import { NodeExporter } from './node-exporter.js';
import { find, synth } from '../../test/support.js';

describe('KubeStateMetrics', () => {
  it('exports the EKS node-group label the node-group dashboard groups by', () => {
    // given / when
    const objects = synth((chart) => new KubeStateMetrics(chart, 'ksm'));
    const container = find(objects, 'Deployment', 'kube-state-metrics').spec.template.spec.containers[0];
    // then
    expect(container.args).toContain('--metric-labels-allowlist=nodes=[eks.amazonaws.com/nodegroup]');
    expect(container.ports.map((p: { name: string }) => p.name)).toContain('http-metrics');
    expect(container.args.find((a: string) => a.startsWith('--resources='))).not.toContain('secrets');
  });

  it('may list and watch every resource it is told to export', () => {
    // given / when
    const objects = synth((chart) => new KubeStateMetrics(chart, 'ksm'));
    const granted = new Set(find(objects, 'ClusterRole').rules.flatMap((r: { resources: string[] }) => r.resources));
    const exported = find(objects, 'Deployment')
      .spec.template.spec.containers[0].args.find((a: string) => a.startsWith('--resources='))
      .slice(12)
      .split(',');
    // then
    expect(exported.filter((r: string) => !granted.has(r))).toEqual([]);
  });
});

describe('NodeExporter', () => {
  it('listens on the host network at 9100 and stays off Fargate', () => {
    // given / when
    const pod = find(
      synth((chart) => new NodeExporter(chart, 'ne')),
      'DaemonSet',
    ).spec.template.spec;
    // then
    expect(pod.hostNetwork).toBe(true);
    expect(pod.hostPID).toBe(true);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].ports).toEqual([{ containerPort: 9100, hostPort: 9100, name: 'metrics' }]);
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toEqual([
      { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] },
    ]);
  });
});
