import { findWorkspaceRoot } from '@o11y/artifacts';
import { describe, expect, it } from 'vitest';
import { loadLocalDashboards } from './local-dashboards.js';
import { describeNoLocalSource, panelsWithoutLocalSource } from './no-local-source.js';

const local = loadLocalDashboards(findWorkspaceRoot(import.meta.dirname));

describe('panelsWithoutLocalSource', () => {
  it('lists the kube-state-metrics panels of the eks dashboard and every X-Ray panel', () => {
    // when
    const panels = panelsWithoutLocalSource(local.dashboards, local.datasources);

    // then
    const byDashboard = (uid: string) => panels.filter((p) => p.dashboardUid === uid).map((p) => p.title);
    expect(byDashboard('eks-node-groups')).toEqual([
      'Nodes',
      'Nodes not ready',
      'Pods',
      'Pods not running',
      'Pods running vs not running',
      'Node conditions',
    ]);
    expect(byDashboard('xray-services')).toHaveLength(6);
    expect(byDashboard('envoy-proxy')).toEqual([]);
    expect(byDashboard('prometheus-sample-app')).toEqual([]);
    expect(panels.find((p) => p.title === 'Nodes')?.reason).toMatch(/kube-state-metrics/);
    expect(panels.find((p) => p.dashboardUid === 'xray-services')?.reason).toMatch(/X-Ray data source \(grafana-x-ray-datasource\)/);
  });

  it('describes them in one line per dashboard, naming the panels or "every panel"', () => {
    const lines = describeNoLocalSource(panelsWithoutLocalSource(local.dashboards, local.datasources), local.dashboards);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^EKS cluster and node groups \(eks-node-groups\): "Nodes", "Nodes not ready", .*"Node conditions": kube-state-metrics/,
    );
    expect(lines[1]).toMatch(/\(xray-services\): every panel \(6\): AWS X-Ray data source/);
  });

  it('ignores kube_ inside label values', () => {
    // given a dashboard whose only kube_ text is a label value
    const dashboard = {
      uid: 'd',
      title: 'D',
      panels: [
        {
          id: 1,
          title: 'P',
          type: 'timeseries',
          datasource: { uid: 'prometheus' },
          targets: [{ refId: 'A', expr: 'up{job="kube_proxy"}' }],
        },
      ],
    };

    // then
    expect(panelsWithoutLocalSource([dashboard], local.datasources)).toEqual([]);
  });
});
