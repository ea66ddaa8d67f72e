import { describe, expect, it } from 'vitest';
import type { Catalogue } from './catalogue.js';
import { kubeStateMetricsArgs, producedSeries } from './produced.js';
import { ANY, type LabelValue } from './relabel.js';
import type { ScrapedTarget } from './targets.js';

const ksm: Catalogue = {
  component: 'kube-state-metrics',
  version: 'test',
  source: 'test',
  metrics: {
    kube_node_labels: { type: 'gauge', labels: ['node'], resource: 'nodes' },
    kube_pod_info: { type: 'gauge', labels: ['namespace', 'pod'], resource: 'pods' },
  },
};
const target: ScrapedTarget = {
  component: 'kube-state-metrics',
  labels: new Map<string, LabelValue>([
    ['job', 'kube-state-metrics'],
    ['instance', ANY],
  ]),
  job: { pipeline: 'p', jobName: 'kube-state-metrics', honorLabels: true, metricsPath: '/metrics', relabel: [], naming: 'as-exposed' },
};

describe('producedSeries', () => {
  it("follows kube-state-metrics' --resources and --metric-labels-allowlist from its chart arguments", () => {
    // given the chart's arguments
    const args = kubeStateMetricsArgs(['--resources=nodes', '--metric-labels-allowlist=nodes=[eks.amazonaws.com/nodegroup]']);

    // when
    const series = producedSeries([target], new Map([['kube-state-metrics', ksm]]), args).filter((s) => s.name.startsWith('kube_'));

    // then
    expect(series.map((s) => [s.name, [...s.labels.keys()].sort()])).toEqual([
      ['kube_node_labels', ['instance', 'job', 'label_eks_amazonaws_com_nodegroup', 'node']],
    ]);
  });

  it('renames an exposed label that clashes with a target label to exported_<label> without honor_labels', () => {
    // given a job that sets namespace itself and does not honour the target's labels
    const t = {
      ...target,
      labels: new Map<string, LabelValue>([['namespace', 'kube-system']]),
      job: { ...target.job, honorLabels: false },
    };

    // when
    const [podInfo] = producedSeries([t], new Map([['kube-state-metrics', ksm]])).filter((s) => s.name === 'kube_pod_info');

    // then
    expect(podInfo!.labels.get('namespace')).toBe('kube-system');
    expect(podInfo!.labels.get('exported_namespace')).toBe(ANY);
  });
});
