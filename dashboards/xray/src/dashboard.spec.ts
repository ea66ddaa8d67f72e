import { describe, expect, it } from 'vitest';
import { normalizeDashboard, validateDashboard } from '@o11y/grafana-model';
import { formatProblem, type DataSourceDefinition } from '@o11y/environment';
import { xrayDashboard } from './dashboard.js';

type Json = Record<string, any>;

const xray: DataSourceDefinition = {
  uid: 'xray',
  name: 'AWS X-Ray',
  type: 'grafana-x-ray-datasource',
  access: 'proxy',
  jsonData: { defaultRegion: 'eu-west-1' },
};
const NUMERIC = new Set(['timeseries', 'stat', 'bargauge', 'heatmap']);

const model = (overrides = {}) => xrayDashboard(overrides).model as Json;
const panels = (d: Json): Json[] => (d.panels as Json[]).filter((p) => p.type !== 'row');
const panel = (d: Json, title: string): Json => {
  const p = panels(d).find((x) => x.title === title);
  if (!p) throw new Error(`no panel "${title}"`);
  return p;
};
const targets = (d: Json): Json[] => panels(d).flatMap((p) => (p.targets as Json[] | undefined) ?? []);
const variable = (d: Json, name: string): Json => (d.templating.list as Json[]).find((v) => v.name === name)!;

describe('xray dashboard', () => {
  it('lists its panels in layout order with current panel types', () => {
    // given
    const d = model();

    // when
    const layout = (d.panels as Json[]).map((p) => `${p.type}: ${p.title}`);

    // then
    expect(layout).toEqual([
      'row: Service map',
      'nodeGraph: Service map',
      'row: Service $service',
      'timeseries: Requests',
      'timeseries: Errors, faults and throttles',
      'timeseries: Response time',
      'table: Traces',
      'row: Trace',
      'traces: Trace ${traceId}',
    ]);
  });

  it('repeats the service row once per picked service', () => {
    // given / when
    const row = (model().panels as Json[]).find((p) => p.type === 'row' && p.title === 'Service $service')!;

    // then
    expect(row.repeat).toBe('service');
  });

  it('gives every numeric panel and numeric trace-list column a unit', () => {
    // given
    const d = model();

    // when
    const units = Object.fromEntries(
      panels(d)
        .filter((p) => NUMERIC.has(p.type))
        .map((p) => [p.title, p.fieldConfig?.defaults?.unit]),
    );
    const columns = (panel(d, 'Traces').fieldConfig.overrides as Json[]).map((o) => [o.matcher.options, o.properties[0]]);

    // then
    expect(units).toEqual({ Requests: 'short', 'Errors, faults and throttles': 'short', 'Response time': 's' });
    expect(columns).toEqual([
      ['Response Time', { id: 'unit', value: 's' }],
      ['Response', { id: 'unit', value: 'none' }],
      ['Annotations', { id: 'unit', value: 'short' }],
    ]);
  });

  it('draws the service map of the whole group', () => {
    // given / when
    const [target] = panel(model(), 'Service map').targets as Json[];

    // then
    expect(target).toEqual({
      refId: 'A',
      queryType: 'getServiceMap',
      query: '',
      datasource: { uid: '${datasource}' },
      region: '$region',
      group: { GroupName: 'Default' },
    });
  });

  it('draws requests, errors, faults, throttles and response time of the row service', () => {
    // given
    const d = model();

    // when
    const stats = (title: string) => (panel(d, title).targets as Json[]).map((t) => [t.refId, t.queryType, t.query, t.columns]);

    // then
    expect(stats('Requests')).toEqual([['A', 'getTimeSeriesServiceStatistics', 'service("$service")', ['TotalCount', 'OkCount']]]);
    expect(stats('Errors, faults and throttles')).toEqual([
      ['A', 'getTimeSeriesServiceStatistics', 'service("$service")', ['ErrorStatistics.TotalCount']],
      ['B', 'getTimeSeriesServiceStatistics', 'service("$service")', ['FaultStatistics.TotalCount']],
      ['C', 'getTimeSeriesServiceStatistics', 'service("$service")', ['ErrorStatistics.ThrottleCount']],
    ]);
    expect(stats('Response time')).toEqual([
      ['A', 'getTimeSeriesServiceStatistics', 'service("$service")', ['Computed.AverageResponseTime']],
    ]);
  });

  it('names the error series by query, not by the plugin frame names', () => {
    // given / when
    const overrides = (panel(model(), 'Errors, faults and throttles').fieldConfig.overrides as Json[]).map((o) => [
      o.matcher,
      o.properties.find((p: Json) => p.id === 'displayName').value,
    ]);

    // then
    expect(overrides).toEqual([
      [{ id: 'byFrameRefID', options: 'A' }, 'Errors (4xx)'],
      [{ id: 'byFrameRefID', options: 'B' }, 'Faults (5xx)'],
      [{ id: 'byFrameRefID', options: 'C' }, 'Throttles (429)'],
    ]);
  });

  it('lists the traces of the row service and shows the trace picked by id', () => {
    // given
    const d = model();

    // when
    const [list] = panel(d, 'Traces').targets as Json[];
    const [trace] = panel(d, 'Trace ${traceId}').targets as Json[];

    // then
    expect(list).toMatchObject({ queryType: 'getTraceSummaries', query: 'service("$service")' });
    expect(trace).toMatchObject({ queryType: 'getTrace', query: '$traceId' });
    expect(trace).not.toHaveProperty('columns');
  });

  it('scopes every query by the region variable, the configured group and the datasource variable', () => {
    // given
    const all = targets(model());

    // when
    const scopes = new Set(all.map((t) => JSON.stringify([t.datasource, t.region, t.group])));

    // then
    expect(all).toHaveLength(8);
    expect([...scopes]).toEqual([JSON.stringify([{ uid: '${datasource}' }, '$region', { GroupName: 'Default' }])]);
    for (const p of panels(model())) expect(p.datasource).toEqual({ uid: '${datasource}' });
  });

  it('has a datasource picker and service, region and trace id variables', () => {
    // given
    const d = model();

    // when
    const names = (d.templating.list as Json[]).map((v) => `${v.type}: ${v.name}`);

    // then
    expect(names).toEqual(['datasource: datasource', 'custom: service', 'textbox: region', 'textbox: traceId']);
    expect(variable(d, 'datasource')).toMatchObject({ query: 'grafana-x-ray-datasource', current: { value: 'xray' } });
    expect(variable(d, 'service')).toMatchObject({
      query: 'frontend,downstream0,downstream1',
      multi: true,
      includeAll: true,
      current: { value: ['$__all'] },
    });
    expect(variable(d, 'service')).not.toHaveProperty('allValue');
    expect(variable(d, 'region').query).toBe('default');
    expect(variable(d, 'traceId').query).toBe('');
  });

  it('has a stable uid, tags, refresh and time range', () => {
    // given / when
    const d = model();

    // then
    expect(d).toMatchObject({ uid: 'xray-services', title: 'X-Ray services', refresh: '1m', time: { from: 'now-1h', to: 'now' } });
    expect(d.tags).toEqual(['xray', 'tracing', 'adot', 'o11y-as-code']);
    expect((d.links as Json[]).map((l) => l.title)).toEqual(['Related dashboards', 'ho11y source']);
  });

  it('passes the dashboard validator', () => {
    // given
    const d = normalizeDashboard(xrayDashboard().model);

    // when
    const problems = validateDashboard(d, { file: 'dashboards/xray/src/dashboard.ts', datasources: [xray] });

    // then
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it("restricts the trace list to the group's filter expression, which statistics cannot take", () => {
    // when
    const d = model({ group: 'prod', groupFilterExpression: 'annotation.env = "prod"' });
    // then
    const traces = d.panels.find((p: any) => p.title === 'Traces').targets[0];
    expect(traces.query).toBe('(service("$service")) AND (annotation.env = "prod")');
    expect(d.panels.find((p: any) => p.title === 'Requests').targets[0].query).toBe('service("$service")');
    expect(d.panels.find((p: any) => p.title === 'Requests').description).toContain('statistics take no group filter');
  });

  it('takes data source, services, region and group from the config', () => {
    // given
    const overrides = {
      uid: 'xray-checkout',
      datasource: { type: 'grafana-x-ray-datasource', uid: 'xray-eu' },
      services: ['checkout', 'payments'],
      region: 'eu-west-1',
      group: 'checkout',
    };

    // when
    const d = model(overrides);

    // then
    expect(d.uid).toBe('xray-checkout');
    expect(variable(d, 'datasource').current.value).toBe('xray-eu');
    expect(variable(d, 'service').query).toBe('checkout,payments');
    expect(variable(d, 'region').query).toBe('eu-west-1');
    expect(targets(d).every((t) => t.group.GroupName === 'checkout')).toBe(true);
    const problems = validateDashboard(normalizeDashboard(d), {
      file: 'dashboards/xray/src/dashboard.ts',
      datasources: [{ ...xray, uid: 'xray-eu' }],
    });
    expect(problems).toEqual([]);
  });
});
