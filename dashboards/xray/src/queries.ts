import { datasourceVariableRef } from '@o11y/grafana-kit';
import {
  XRayStatisticColumns as Column,
  xrayServiceMap,
  xrayServiceStatistics,
  xrayTrace,
  xrayTraceSummaries,
  type XRayQueryBuilder,
} from '@o11y/xray-query';
import type { XRayConfig } from './config.js';

/** X-Ray queries of the ho11y services; every one is scoped by the region variable and the configured group. */

export const SERVICE_VARIABLE = 'service';
export const REGION_VARIABLE = 'region';
export const TRACE_ID_VARIABLE = 'traceId';

/** The service of the current (repeated) row; a repeat always has exactly one value, so the filter stays valid. */
export const serviceFilter = `service("$${SERVICE_VARIABLE}")`;

// The group is fixed, not a variable: the X-Ray plugin does not interpolate variables in the group.
const scoped = (c: XRayConfig, q: XRayQueryBuilder, refId: string): XRayQueryBuilder =>
  q.refId(refId).datasource(datasourceVariableRef()).region(`$${REGION_VARIABLE}`).group(c.group);

/** The whole group's service graph (getServiceMap has no filter). */
export const serviceMap = (c: XRayConfig) => scoped(c, xrayServiceMap(), 'A');

export const requests = (c: XRayConfig) => scoped(c, xrayServiceStatistics(serviceFilter, [Column.total, Column.ok]), 'A');
/** One query per column, so each can be coloured by its refId whatever name the plugin gives the series. */
export const errors = (c: XRayConfig) => scoped(c, xrayServiceStatistics(serviceFilter, [Column.errors]), 'A');
export const faults = (c: XRayConfig) => scoped(c, xrayServiceStatistics(serviceFilter, [Column.faults]), 'B');
export const throttles = (c: XRayConfig) => scoped(c, xrayServiceStatistics(serviceFilter, [Column.throttles]), 'C');
export const averageResponseTime = (c: XRayConfig) => scoped(c, xrayServiceStatistics(serviceFilter, [Column.averageResponseTime]), 'A');

export const traceSummaries = (c: XRayConfig) => scoped(c, xrayTraceSummaries(serviceFilter), 'A');
export const trace = (c: XRayConfig) => scoped(c, xrayTrace(`$${TRACE_ID_VARIABLE}`), 'A');
