import { describe, expect, it } from 'vitest';
import { XRayQueryBuilder, xrayServiceFilter, xrayServiceMap, xrayServiceStatistics, xrayTrace } from './xray-query.js';

describe('XRayQueryBuilder', () => {
  it('builds a statistics query with columns, region and group', () => {
    // given / when
    const q = xrayServiceStatistics('service("frontend")', ['TotalCount', 'FaultStatistics.TotalCount'])
      .refId('A')
      .region('default')
      .group('Default')
      .build();

    // then
    expect(q).toMatchObject({
      refId: 'A',
      queryType: 'getTimeSeriesServiceStatistics',
      query: 'service("frontend")',
      columns: ['TotalCount', 'FaultStatistics.TotalCount'],
      region: 'default',
      group: { GroupName: 'Default' },
    });
  });

  it('serialises to the plugin query model without builder internals', () => {
    const json = JSON.parse(JSON.stringify(xrayTrace('$traceId').refId('T').build()));
    expect(json).toEqual({ queryType: 'getTrace', query: '$traceId', refId: 'T' });
  });

  it('refuses columns on a query type that ignores them', () => {
    expect(() => new XRayQueryBuilder('getServiceMap').columns(['TotalCount'])).toThrow(/only apply to getTimeSeriesServiceStatistics/);
  });

  it('defaults the service map filter to everything', () => {
    expect(xrayServiceMap().build().query).toBe('');
  });

  it('quotes service names in filter expressions', () => {
    expect(xrayServiceFilter(['downstream0', 'down"stream'])).toBe('service("downstream0") OR service("down\\"stream")');
  });
});
