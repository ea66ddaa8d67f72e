import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { defineDashboard, withOverrides, type DashboardDefinition, type DeepPartial } from '@o11y/environment';
import { dashboard, datasourceVariable, labelValuesVariable, projectDashboardsLink, series } from '@o11y/grafana-kit';
import { defaultEnvoyConfig, type EnvoyConfig } from './config.js';
import * as panel from './panels.js';

/** Envoy proxy traffic for any Envoy exposing its Prometheus stats with namespace and service labels. */
export function envoyDashboard(overrides: DeepPartial<EnvoyConfig> = {}): DashboardDefinition {
  const c = withOverrides(defaultEnvoyConfig, overrides);
  const anyEnvoy = series('envoy_cluster_upstream_rq_total', c.selector);

  return defineDashboard(
    import.meta.url,
    dashboard({
      uid: c.uid,
      title: c.title,
      description:
        'Envoy proxy traffic: downstream and upstream requests, latency, responses and endpoint health (after grafana.com 11022).',
      tags: ['envoy', 'service-mesh'],
      from: 'now-30m',
    })
      .link(projectDashboardsLink())
      .withVariable(datasourceVariable(c.datasource.type, { current: c.datasource.uid }))
      .withVariable(labelValuesVariable('namespace', anyEnvoy, c.namespaceLabel, { label: 'Namespace' }))
      .withVariable(
        labelValuesVariable('service', `envoy_cluster_upstream_rq_total{${c.namespaceLabel}=~"$namespace"}`, c.serviceLabel, {
          label: 'Service',
        }),
      )

      .withRow(new RowBuilder('Overview'))
      .withPanel(panel.successRateStat(c))
      .withPanel(panel.requestRateStat(c))
      .withPanel(panel.activeConnectionsStat(c))
      .withPanel(panel.endpointHealthStat(c))

      .withRow(new RowBuilder('Downstream'))
      .withPanel(panel.downstreamRequestRate(c))
      .withPanel(panel.downstreamConnectionRate(c))
      .withPanel(panel.downstreamLatency(c))
      .withPanel(panel.downstreamActiveConnections(c))

      .withRow(new RowBuilder('Upstream'))
      .withPanel(panel.upstreamRequestRate(c))
      .withPanel(panel.upstreamConnectionRate(c))
      .withPanel(panel.upstreamLatency(c))
      .withPanel(panel.upstreamActiveConnections(c))

      .withRow(new RowBuilder('Upstream responses'))
      .withPanel(panel.upstreamResponses(c, '2'))
      .withPanel(panel.upstreamResponses(c, '3'))
      .withPanel(panel.upstreamResponses(c, '4'))
      .withPanel(panel.upstreamResponses(c, '5'))

      .withRow(new RowBuilder('Endpoints'))
      .withPanel(panel.endpointCounts(c))
      .withPanel(panel.endpointHealth(c))
      .withPanel(panel.serviceTable(c)),
  );
}
