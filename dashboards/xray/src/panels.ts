import { TableSortByFieldStateBuilder } from '@grafana/grafana-foundation-sdk/common';
import { Colour, Size, Unit, nodeGraphPanel, tablePanel, timeseriesPanel, tracesPanel } from '@o11y/grafana-kit';
import type { XRayConfig } from './config.js';
import * as q from './queries.js';

/** X-Ray statistics are totals per period (60 s, or 300 s on long ranges), not per-second rates. */
const PER_PERIOD =
  "Counts per X-Ray statistics period (1 minute, 5 minutes on long time ranges), of the service's whole traffic: statistics take no group filter.";

const fixedColour = (color: string) => ({ id: 'color', value: { mode: 'fixed', fixedColor: color } });

export const serviceMap = (c: XRayConfig) =>
  nodeGraphPanel('Service map', 'Services of the X-Ray group and the calls between them.').withTarget(q.serviceMap(c, q.dashboardScope()));

export const requests = (c: XRayConfig) =>
  timeseriesPanel('Requests', Unit.count, PER_PERIOD).withTarget(q.requests(c, q.dashboardScope())).span(Size.third.w);

export const errorsFaultsThrottles = (c: XRayConfig) =>
  timeseriesPanel('Errors, faults and throttles', Unit.count, `${PER_PERIOD} Errors are 4xx, faults 5xx, throttles 429.`)
    .withTarget(q.errors(c, q.dashboardScope()))
    .withTarget(q.faults(c, q.dashboardScope()))
    .withTarget(q.throttles(c, q.dashboardScope()))
    .overrideByQuery('A', [{ id: 'displayName', value: 'Errors (4xx)' }, fixedColour(Colour.warning)])
    .overrideByQuery('B', [{ id: 'displayName', value: 'Faults (5xx)' }, fixedColour(Colour.critical)])
    .overrideByQuery('C', [{ id: 'displayName', value: 'Throttles (429)' }, fixedColour(Colour.info)])
    .span(Size.third.w);

export const responseTime = (c: XRayConfig) =>
  timeseriesPanel('Response time', Unit.seconds, 'Average response time per statistics period.')
    .withTarget(q.averageResponseTime(c, q.dashboardScope()))
    .span(Size.third.w);

/** Slowest first; the plugin links each Id to the trace in Explore. */
export const traceList = (c: XRayConfig) =>
  tablePanel('Traces', 'Traces through the service within the X-Ray group; copy an Id into "Trace ID" to show it below.')
    .withTarget(q.traceSummaries(c, q.dashboardScope()))
    .overrideByName('Response Time', [{ id: 'unit', value: Unit.seconds }])
    .overrideByName('Response', [{ id: 'unit', value: Unit.none }])
    .overrideByName('Annotations', [{ id: 'unit', value: Unit.count }])
    .sortBy([new TableSortByFieldStateBuilder().displayName('Response Time').desc(true)]);

export const trace = (c: XRayConfig) =>
  tracesPanel('Trace ${traceId}', 'The trace whose id is in "Trace ID".').withTarget(q.trace(c, q.dashboardScope()));
