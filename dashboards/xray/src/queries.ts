import { datasourceVariableRef } from '@o11y/grafana-kit';
import {
  XRayStatisticColumns as Column,
  xrayServiceMap,
  xrayServiceStatistics,
  xrayTrace,
  xrayTraceSummaries,
  type XRayQueryBuilder,
} from '@o11y/xray-query';

/** X-Ray queries of the ho11y services; every one is scoped by the region and group variables. */

export const SERVICE_VARIABLE = 'service';
export const REGION_VARIABLE = 'region';
export const GROUP_VARIABLE = 'group';
export const TRACE_ID_VARIABLE = 'traceId';

/** The service of the current (repeated) row; a repeat always has exactly one value, so the filter stays valid. */
export const serviceFilter = `service("$${SERVICE_VARIABLE}")`;

const scoped = (q: XRayQueryBuilder, refId: string): XRayQueryBuilder =>
  q.refId(refId).datasource(datasourceVariableRef()).region(`$${REGION_VARIABLE}`).group(`$${GROUP_VARIABLE}`);

/** The whole group's service graph (getServiceMap has no filter). */
export const serviceMap = () => scoped(xrayServiceMap(), 'A');

export const requests = () => scoped(xrayServiceStatistics(serviceFilter, [Column.total, Column.ok]), 'A');
/** One query per column, so each can be coloured by its refId whatever name the plugin gives the series. */
export const errors = () => scoped(xrayServiceStatistics(serviceFilter, [Column.errors]), 'A');
export const faults = () => scoped(xrayServiceStatistics(serviceFilter, [Column.faults]), 'B');
export const throttles = () => scoped(xrayServiceStatistics(serviceFilter, [Column.throttles]), 'C');
export const averageResponseTime = () => scoped(xrayServiceStatistics(serviceFilter, [Column.averageResponseTime]), 'A');

export const traceSummaries = () => scoped(xrayTraceSummaries(serviceFilter), 'A');
export const trace = () => scoped(xrayTrace(`$${TRACE_ID_VARIABLE}`), 'A');
