import {
  Size,
  Unit,
  higherIsBetter,
  percentileLabel,
  promInstant,
  promQuery,
  promTable,
  statPanel,
  tablePanel,
  timeseriesPanel,
} from '@o11y/grafana-kit';
import type { EnvoyConfig } from './config.js';
import * as q from './queries.js';

/** Every panel looks at the picked namespaces and services. */
const on = q.dashboardScope;

const legend = (c: EnvoyConfig) => `{{${c.namespaceLabel}}}/{{${c.serviceLabel}}}`;

export const successRateStat = (c: EnvoyConfig) =>
  statPanel('Success rate', Unit.ratio, 'Downstream requests not answered with a 5xx.')
    .withTarget(promInstant(q.downstreamSuccessRate(c, on(c))))
    .thresholds(higherIsBetter(c.successRate.critical, c.successRate.warning))
    .decimals(2);

export const requestRateStat = (c: EnvoyConfig) =>
  statPanel('Downstream requests', Unit.requestsPerSecond).withTarget(promInstant(q.totalDownstreamRequestRate(c, on(c))));

export const activeConnectionsStat = (c: EnvoyConfig) =>
  statPanel('Active downstream connections', Unit.count).withTarget(promInstant(q.totalDownstreamActiveConnections(c, on(c))));

export const endpointHealthStat = (c: EnvoyConfig) =>
  statPanel('Healthy upstream endpoints', Unit.ratio, 'Healthy share of all upstream cluster members.')
    .withTarget(promInstant(q.overallEndpointHealth(on(c))))
    .thresholds(higherIsBetter(0.5, 1))
    .decimals(1);

export const downstreamRequestRate = (c: EnvoyConfig) =>
  timeseriesPanel('Downstream request rate', Unit.requestsPerSecond).withTarget(promQuery(q.downstreamRequestRate(c, on(c)), legend(c)));

export const downstreamConnectionRate = (c: EnvoyConfig) =>
  timeseriesPanel('Downstream connection rate', Unit.connectionsPerSecond).withTarget(
    promQuery(q.downstreamConnectionRate(c, on(c)), legend(c)),
  );

export const downstreamLatency = (c: EnvoyConfig) =>
  latencyPanel('Downstream latency', c, (quantile) => q.downstreamLatency(c, quantile, on(c)));

export const downstreamActiveConnections = (c: EnvoyConfig) =>
  timeseriesPanel('Downstream active connections', Unit.count).withTarget(promQuery(q.downstreamActiveConnections(c, on(c)), legend(c)));

export const upstreamRequestRate = (c: EnvoyConfig) =>
  timeseriesPanel('Upstream request rate', Unit.requestsPerSecond).withTarget(promQuery(q.upstreamRequestRate(c, on(c)), legend(c)));

export const upstreamConnectionRate = (c: EnvoyConfig) =>
  timeseriesPanel('Upstream connection rate', Unit.connectionsPerSecond).withTarget(
    promQuery(q.upstreamConnectionRate(c, on(c)), legend(c)),
  );

export const upstreamLatency = (c: EnvoyConfig) => latencyPanel('Upstream latency', c, (quantile) => q.upstreamLatency(c, quantile, on(c)));

export const upstreamActiveConnections = (c: EnvoyConfig) =>
  timeseriesPanel('Upstream active connections', Unit.count).withTarget(promQuery(q.upstreamActiveConnections(c, on(c)), legend(c)));

/** One panel per status class, so a rise in 5xx is not dwarfed by 2xx volume. */
export const upstreamResponses = (c: EnvoyConfig, statusClass: '2' | '3' | '4' | '5') =>
  timeseriesPanel(`Upstream ${statusClass}xx responses`, Unit.requestsPerSecond)
    .withTarget(promQuery(q.upstreamResponses(c, statusClass, on(c)), legend(c)))
    .span(Size.quarter.w);

export const endpointCounts = (c: EnvoyConfig) =>
  timeseriesPanel('Healthy vs total endpoints', Unit.count)
    .withTarget(promQuery(q.healthyEndpoints(c, on(c)), `${legend(c)} healthy`, 'A'))
    .withTarget(promQuery(q.totalEndpoints(c, on(c)), `${legend(c)} total`, 'B'));

export const endpointHealth = (c: EnvoyConfig) =>
  timeseriesPanel('Endpoint health', Unit.ratio, 'Healthy share of each upstream cluster.')
    .withTarget(promQuery(q.endpointHealth(c, on(c)), legend(c)))
    .min(0)
    .max(1);

/** Current state per service: connections both ways and endpoint health, one row each. */
export const serviceTable = (c: EnvoyConfig) =>
  tablePanel('Services')
    .withTarget(promTable(q.upstreamActiveConnections(c, on(c)), 'A'))
    .withTarget(promTable(q.downstreamActiveConnections(c, on(c)), 'B'))
    .withTarget(promTable(q.endpointHealth(c, on(c)), 'C'))
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation({ id: 'organize', options: { excludeByName: { Time: true } } })
    .overrideByName('Value #A', [
      { id: 'displayName', value: 'Upstream connections' },
      { id: 'unit', value: Unit.count },
    ])
    .overrideByName('Value #B', [
      { id: 'displayName', value: 'Downstream connections' },
      { id: 'unit', value: Unit.count },
    ])
    .overrideByName('Value #C', [
      { id: 'displayName', value: 'Endpoint health' },
      { id: 'unit', value: Unit.ratio },
    ]);

function latencyPanel(title: string, c: EnvoyConfig, expr: (quantile: number) => string) {
  const p = timeseriesPanel(title, Unit.milliseconds, 'Envoy records request times in milliseconds.');
  c.quantiles.forEach((quantile, i) =>
    p.withTarget(promQuery(expr(quantile), `${legend(c)} ${percentileLabel(quantile)}`, String.fromCharCode(65 + i))),
  );
  return p;
}
