import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';
import { datasourceVariableRef } from '@o11y/grafana-kit';
import {
  XRayStatisticColumns as Column,
  xrayServiceFilter,
  xrayServiceMap,
  xrayServiceStatistics,
  xrayTrace,
  xrayTraceSummaries,
  type XRayQueryBuilder,
  type XRayStatisticColumn,
} from '@o11y/xray-query';
import type { XRayConfig } from './config.js';

/** X-Ray queries of the ho11y services, for the dashboard and the alerts alike; every one is scoped to the configured group. */

export const SERVICE_VARIABLE = 'service';
export const REGION_VARIABLE = 'region';
export const TRACE_ID_VARIABLE = 'traceId';

/** The service of the current (repeated) row; a repeat always has exactly one value, so the filter stays valid. */
export const serviceFilter = `service("$${SERVICE_VARIABLE}")`;

/** What a query looks at: which data source, region and services. */
export interface XRayScope {
  readonly datasource: DataSourceRef;
  readonly region: string;
  /** X-Ray filter expression naming the services, e.g. `service("frontend")`. */
  readonly services: string;
}

/** The dashboard's scope: the picked data source, the region variable and the service of the repeated row. */
export const dashboardScope = (): XRayScope => ({
  datasource: datasourceVariableRef(),
  region: `$${REGION_VARIABLE}`,
  services: serviceFilter,
});

/** An alert's scope: the configured data source and region (rules know no variables) and one service. */
export const alertScope = (c: XRayConfig, service: string): XRayScope => ({
  datasource: c.datasource,
  region: c.region,
  services: xrayServiceFilter([service]),
});

// The group is fixed, not a variable: the X-Ray plugin does not interpolate variables in the group.
const scoped = (c: XRayConfig, s: XRayScope, q: XRayQueryBuilder, refId: string): XRayQueryBuilder =>
  q.refId(refId).datasource(s.datasource).region(s.region).group(c.group);

/** Time series of statistics columns of the scope's services. */
export const statistics = (c: XRayConfig, s: XRayScope, columns: XRayStatisticColumn[], refId: string) =>
  scoped(c, s, xrayServiceStatistics(s.services, columns), refId);

/** The whole group's service graph (getServiceMap has no filter). */
export const serviceMap = (c: XRayConfig, s: XRayScope) => scoped(c, s, xrayServiceMap(), 'A');

export const requests = (c: XRayConfig, s: XRayScope) => statistics(c, s, [Column.total, Column.ok], 'A');
/** One query per column, so each can be coloured by its refId whatever name the plugin gives the series. */
export const errors = (c: XRayConfig, s: XRayScope) => statistics(c, s, [Column.errors], 'A');
export const faults = (c: XRayConfig, s: XRayScope) => statistics(c, s, [Column.faults], 'B');
export const throttles = (c: XRayConfig, s: XRayScope) => statistics(c, s, [Column.throttles], 'C');
export const averageResponseTime = (c: XRayConfig, s: XRayScope) => statistics(c, s, [Column.averageResponseTime], 'A');

/** Traces of the scope's services within the group: its filter expression ANDed in, as the API has no group here. */
export const traceSummaries = (c: XRayConfig, s: XRayScope) =>
  scoped(c, s, xrayTraceSummaries(c.groupFilterExpression ? `(${s.services}) AND (${c.groupFilterExpression})` : s.services), 'A');
export const trace = (c: XRayConfig, s: XRayScope) => scoped(c, s, xrayTrace(`$${TRACE_ID_VARIABLE}`), 'A');
