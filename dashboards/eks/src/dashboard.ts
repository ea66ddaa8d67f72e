import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { defineDashboard, withOverrides, type DashboardDefinition, type DeepPartial } from '@o11y/environment';
import { dashboard, datasourceVariable, labelValuesVariable, matchers, projectDashboardsLink, series } from '@o11y/grafana-kit';
import { defaultEksConfig, type EksConfig } from './config.js';
import * as panel from './panels.js';

/** EKS nodes grouped by managed node group: capacity, pods, conditions and node-exporter resources. */
export function eksDashboard(overrides: DeepPartial<EksConfig> = {}): DashboardDefinition {
  const c = withOverrides(defaultEksConfig, overrides);
  const ksm = (extra: string) => series('kube_node_labels', matchers(c.kubeStateMetricsSelector, extra));

  return defineDashboard(
    import.meta.url,
    dashboard({
      uid: c.uid,
      title: c.title,
      description:
        'EKS nodes by node group: node and pod counts, node conditions, CPU, memory, disk and network (after grafana.com 13548).',
      tags: ['eks', 'kubernetes', 'nodes'],
    })
      .link(projectDashboardsLink())
      .withVariable(datasourceVariable(c.datasource.type, { current: c.datasource.uid }))
      .withVariable(labelValuesVariable('nodegroup', ksm(''), c.nodegroupLabel, { label: 'Node group' }))
      .withVariable(labelValuesVariable('node', ksm(`${c.nodegroupLabel}=~"$nodegroup"`), 'node', { label: 'Node' }))
      .withVariable(
        labelValuesVariable('instance', series('kube_pod_info', matchers(c.kubeStateMetricsSelector, 'node=~"$node"')), 'host_ip', {
          label: 'Instance',
        }),
      )

      .withRow(new RowBuilder('Cluster'))
      .withPanel(panel.nodeCountStat(c))
      .withPanel(panel.nodesNotReadyStat(c))
      .withPanel(panel.podCountStat(c))
      .withPanel(panel.podsNotRunningStat(c))
      .withPanel(panel.podsByPhase(c))
      .withPanel(panel.nodeConditions(c))

      .withRow(new RowBuilder('Node resources'))
      .withPanel(panel.cpuUtilisation(c))
      .withPanel(panel.memoryUtilisation(c))
      .withPanel(panel.diskUtilisation(c))
      .withPanel(panel.loadAverage(c))
      .withPanel(panel.diskThroughput(c))
      .withPanel(panel.networkThroughput(c)),
  );
}
