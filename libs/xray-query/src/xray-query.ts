import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

/** Plugin id of the AWS X-Ray data source. */
export const XRAY_PLUGIN_ID = 'grafana-x-ray-datasource';

/** The X-Ray query types a dashboard or alert of this project uses (the plugin knows more). */
export type XRayQueryType = 'getServiceMap' | 'getTimeSeriesServiceStatistics' | 'getTraceSummaries' | 'getTrace';

/** Series that getTimeSeriesServiceStatistics can return, with the names the plugin shows. */
export const XRayStatisticColumns = {
  ok: 'OkCount',
  total: 'TotalCount',
  errors: 'ErrorStatistics.TotalCount',
  throttles: 'ErrorStatistics.ThrottleCount',
  faults: 'FaultStatistics.TotalCount',
  averageResponseTime: 'Computed.AverageResponseTime',
} as const;

export type XRayStatisticColumn = (typeof XRayStatisticColumns)[keyof typeof XRayStatisticColumns];

/** An X-Ray group: queries are scoped to its filter expression. */
export interface XRayGroup {
  GroupName: string;
  GroupARN?: string;
  FilterExpression?: string;
}

/** The query model of grafana-x-ray-datasource, as stored in a panel target. */
export interface XRayQuery {
  refId?: string;
  hide?: boolean;
  datasource?: DataSourceRef;
  queryType: XRayQueryType;
  /** X-Ray filter expression, or the trace id for getTrace. */
  query: string;
  /** Region to query; "default" uses the data source's default region. */
  region?: string;
  group?: XRayGroup;
  /** getTimeSeriesServiceStatistics only: which series to return. */
  columns?: XRayStatisticColumn[];
  /** getTimeSeriesServiceStatistics only: bucket size in seconds (60 or 300). */
  resolution?: 60 | 300;
  _implementsDataqueryVariant(): void;
}

/** Builds an X-Ray panel target; the foundation SDK has no X-Ray query type, so this fills that gap. */
export class XRayQueryBuilder implements Builder<Dataquery> {
  private readonly internal: XRayQuery;

  constructor(queryType: XRayQueryType, query = '') {
    this.internal = { queryType, query, _implementsDataqueryVariant() {} };
  }

  build(): XRayQuery {
    return this.internal;
  }

  refId(refId: string): this {
    this.internal.refId = refId;
    return this;
  }

  hide(hide: boolean): this {
    this.internal.hide = hide;
    return this;
  }

  datasource(datasource: DataSourceRef): this {
    this.internal.datasource = datasource;
    return this;
  }

  query(query: string): this {
    this.internal.query = query;
    return this;
  }

  region(region: string): this {
    this.internal.region = region;
    return this;
  }

  group(group: XRayGroup | string): this {
    this.internal.group = typeof group === 'string' ? { GroupName: group } : group;
    return this;
  }

  columns(columns: XRayStatisticColumn[]): this {
    if (this.internal.queryType !== 'getTimeSeriesServiceStatistics') {
      throw new Error(`X-Ray columns only apply to getTimeSeriesServiceStatistics, not ${this.internal.queryType}`);
    }
    this.internal.columns = columns;
    return this;
  }

  resolution(seconds: 60 | 300): this {
    this.internal.resolution = seconds;
    return this;
  }
}

/** The service graph of everything matching the filter expression. */
export const xrayServiceMap = (filter = ''): XRayQueryBuilder => new XRayQueryBuilder('getServiceMap', filter);

/** Request, error, fault and throttle statistics over time. */
export const xrayServiceStatistics = (filter: string, columns: XRayStatisticColumn[]): XRayQueryBuilder =>
  new XRayQueryBuilder('getTimeSeriesServiceStatistics', filter).columns(columns);

/** A list of traces matching the filter expression. */
export const xrayTraceSummaries = (filter: string): XRayQueryBuilder => new XRayQueryBuilder('getTraceSummaries', filter);

/** One trace, by id. */
export const xrayTrace = (traceId: string): XRayQueryBuilder => new XRayQueryBuilder('getTrace', traceId);

/** X-Ray filter expression matching any of the named services. */
export function xrayServiceFilter(services: readonly string[]): string {
  return services.map((s) => `service(${JSON.stringify(s)})`).join(' OR ');
}
