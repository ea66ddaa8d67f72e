import { DashboardLinkBuilder, DashboardLinkType, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { defineDashboard, withOverrides, type DashboardDefinition, type DeepPartial } from '@o11y/environment';
import { customVariable, dashboard, datasourceVariable, projectDashboardsLink, textboxVariable } from '@o11y/grafana-kit';
import { defaultXRayConfig, type XRayConfig } from './config.js';
import * as panel from './panels.js';
import { REGION_VARIABLE, SERVICE_VARIABLE, TRACE_ID_VARIABLE } from './queries.js';

export const HO11Y_SOURCE_URL = 'https://github.com/aws-observability/observability-best-practices/tree/main/sandbox/ho11y';

/** X-Ray traces of the ho11y sample services (frontend calling two downstreams), from the ADOT-on-Fargate X-Ray recipe. */
export function xrayDashboard(overrides: DeepPartial<XRayConfig> = {}): DashboardDefinition {
  const c = withOverrides(defaultXRayConfig, overrides);

  return defineDashboard(
    import.meta.url,
    dashboard({
      uid: c.uid,
      title: c.title,
      description: 'Service map, per-service request, error, fault and throttle statistics, response times and traces from AWS X-Ray.',
      tags: ['xray', 'tracing', 'adot'],
      // X-Ray statistics come in 1-minute periods and every refresh is a billed API call.
      refresh: '1m',
    })
      .link(projectDashboardsLink())
      .link(new DashboardLinkBuilder('ho11y source').type(DashboardLinkType.Link).url(HO11Y_SOURCE_URL).targetBlank(true))
      .withVariable(datasourceVariable(c.datasource.type, { current: c.datasource.uid }))
      // "All" repeats the service row once per service, so each filter names exactly one service.
      .withVariable(
        customVariable(SERVICE_VARIABLE, c.services, { label: 'Service', multi: true })
          .includeAll(true)
          .current({ text: ['All'], value: ['$__all'], selected: true }),
      )
      .withVariable(textboxVariable(REGION_VARIABLE, c.region, 'Region'))
      .withVariable(textboxVariable(TRACE_ID_VARIABLE, '', 'Trace ID'))

      .withRow(new RowBuilder('Service map'))
      .withPanel(panel.serviceMap(c))

      .withRow(new RowBuilder('Service $service').repeat(SERVICE_VARIABLE))
      .withPanel(panel.requests(c))
      .withPanel(panel.errorsFaultsThrottles(c))
      .withPanel(panel.responseTime(c))
      .withPanel(panel.traceList(c))

      .withRow(new RowBuilder('Trace'))
      .withPanel(panel.trace(c)),
  );
}
