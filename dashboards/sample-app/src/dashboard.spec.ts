import { describe, expect, it } from 'vitest';
import { normalizeDashboard, validateDashboard } from '@o11y/grafana-model';
import { formatProblem, type DataSourceDefinition } from '@o11y/environment';
import { sampleAppDashboard } from './dashboard.js';

type Json = Record<string, any>;

const prometheus: DataSourceDefinition = { uid: 'prometheus', name: 'Prometheus', type: 'prometheus', access: 'proxy', jsonData: {} };
const NUMERIC = new Set(['timeseries', 'stat', 'bargauge', 'heatmap']);

const model = (overrides = {}) => sampleAppDashboard(overrides).model as Json;
const panels = (d: Json): Json[] => (d.panels as Json[]).filter((p) => p.type !== 'row');
const panel = (d: Json, title: string): Json => {
  const p = panels(d).find((x) => x.title === title);
  if (!p) throw new Error(`no panel "${title}"`);
  return p;
};
const exprs = (p: Json): string[] => (p.targets as Json[]).map((t) => t.expr);
const variable = (d: Json, name: string): Json => (d.templating.list as Json[]).find((v) => v.name === name)!;

describe('sample-app dashboard', () => {
  it('lists its panels in layout order with current panel types', () => {
    // given
    const d = model();

    // when
    const layout = (d.panels as Json[]).map((p) => `${p.type}: ${p.title}`);

    // then
    expect(layout).toEqual([
      'text: Source',
      'row: Counter and gauges',
      'timeseries: Counter ${metric} rate',
      'timeseries: Gauge ${metric}',
      'timeseries: Gauge ${metric} / gauge ${ratioTo}',
      'row: Histogram',
      'timeseries: Histogram ${metric} percentiles',
      'heatmap: Histogram ${metric} buckets',
      'row: Summary',
      'timeseries: Summary ${metric} quantiles',
      'timeseries: Mean observation',
      'timeseries: Observation rate',
    ]);
  });

  it('gives every numeric panel a unit', () => {
    // given
    const d = model();

    // when
    const units = Object.fromEntries(
      panels(d)
        .filter((p) => NUMERIC.has(p.type))
        .map((p) => [p.title, p.fieldConfig?.defaults?.unit]),
    );

    // then
    expect(units).toEqual({
      'Counter ${metric} rate': 'cps',
      'Gauge ${metric}': 'none',
      'Gauge ${metric} / gauge ${ratioTo}': 'percentunit',
      'Histogram ${metric} percentiles': 'none',
      'Histogram ${metric} buckets': 'none',
      'Summary ${metric} quantiles': 'none',
      'Mean observation': 'none',
      'Observation rate': 'cps',
    });
    expect(panel(d, 'Histogram ${metric} buckets').options.yAxis.unit).toBe('none');
  });

  it('links the renamed source directory of the sample app', () => {
    // given / when
    const content: string = panel(model(), 'Source').options.content;

    // then
    expect(content).toContain('https://github.com/aws-observability/aws-otel-community/tree/master/sample-apps/prometheus-sample-app');
  });

  it('queries the picked metric index, never a fixed metric name', () => {
    // given
    const d = model();

    // when
    const all = panels(d)
      .flatMap((p) => (p.targets as Json[] | undefined) ?? [])
      .map((t) => t.expr as string);

    // then
    expect(all.length).toBeGreaterThan(0);
    for (const e of all) expect(e).toMatch(/test_(counter|gauge|histogram|summary)\$\{(metric|ratioTo)\}/);
    expect(all.join('\n')).not.toMatch(/test_[a-z]+[0-9]/);
  });

  it('draws counter rates and gauges, including the recipe gauge ratio and half average', () => {
    // given
    const d = model();

    // when / then
    expect(exprs(panel(d, 'Counter ${metric} rate'))).toEqual([
      'sum by (datapoint_id) (rate(test_counter${metric}{datapoint_id=~"$datapoint"}[$__rate_interval]))',
    ]);
    expect(exprs(panel(d, 'Gauge ${metric}'))).toEqual([
      'test_gauge${metric}{datapoint_id=~"$datapoint"}',
      'avg(test_gauge${metric}{datapoint_id=~"$datapoint"}) / 2',
    ]);
    expect(exprs(panel(d, 'Gauge ${metric} / gauge ${ratioTo}'))).toEqual([
      '(test_gauge${metric}{datapoint_id=~"$datapoint"}) / (test_gauge${ratioTo}{datapoint_id=~"$datapoint"})',
    ]);
  });

  it('draws p50 and p90 of the histogram from rates of its buckets by le, and the share above the top bucket instead of a pinned p99', () => {
    // given
    const p = panel(model(), 'Histogram ${metric} percentiles');

    // when
    const targets = (p.targets as Json[]).map((t) => [t.refId, t.legendFormat, t.expr]);

    // then
    expect(targets).toEqual([
      [
        'A',
        'p50',
        'histogram_quantile(0.5, sum by (le) (rate(test_histogram${metric}_bucket{datapoint_id=~"$datapoint"}[$__rate_interval])))',
      ],
      [
        'B',
        'p90',
        'histogram_quantile(0.9, sum by (le) (rate(test_histogram${metric}_bucket{datapoint_id=~"$datapoint"}[$__rate_interval])))',
      ],
      [
        'C',
        'share above 1 (top bucket)',
        '1 - (sum(rate(test_histogram${metric}_bucket{datapoint_id=~"$datapoint", le="1"}[$__rate_interval]))) / (sum(rate(test_histogram${metric}_bucket{datapoint_id=~"$datapoint", le="+Inf"}[$__rate_interval])))',
      ],
    ]);
    expect(p.fieldConfig.overrides[0]).toMatchObject({
      matcher: { id: 'byName', options: 'share above 1 (top bucket)' },
      properties: [
        { id: 'unit', value: 'percentunit' },
        { id: 'custom.axisPlacement', value: 'right' },
      ],
    });
  });

  it('draws a heatmap of the buckets, not of a quantile', () => {
    // given
    const p = panel(model(), 'Histogram ${metric} buckets');

    // when
    const [target] = p.targets as Json[];

    // then
    expect(target).toMatchObject({
      expr: 'sum by (le) (increase(test_histogram${metric}_bucket{datapoint_id=~"$datapoint"}[$__rate_interval]))',
      format: 'heatmap',
      legendFormat: '{{le}}',
    });
    expect(p.options).toMatchObject({ calculate: false });
    expect(p).not.toHaveProperty('dataFormat');
  });

  it('draws the summary quantiles the app exports, and mean and rate of the observations', () => {
    // given
    const d = model();

    // when / then
    expect((panel(d, 'Summary ${metric} quantiles').targets as Json[]).map((t) => [t.legendFormat, t.expr])).toEqual([
      ['p10 datapoint {{datapoint_id}}', 'test_summary${metric}{datapoint_id=~"$datapoint", quantile="0.1"}'],
      ['p50 datapoint {{datapoint_id}}', 'test_summary${metric}{datapoint_id=~"$datapoint", quantile="0.5"}'],
      ['p99 datapoint {{datapoint_id}}', 'test_summary${metric}{datapoint_id=~"$datapoint", quantile="0.99"}'],
    ]);
    expect(exprs(panel(d, 'Mean observation'))).toEqual([
      '(sum(rate(test_histogram${metric}_sum{datapoint_id=~"$datapoint"}[$__rate_interval]))) / (sum(rate(test_histogram${metric}_count{datapoint_id=~"$datapoint"}[$__rate_interval])))',
      '(sum(rate(test_summary${metric}_sum{datapoint_id=~"$datapoint"}[$__rate_interval]))) / (sum(rate(test_summary${metric}_count{datapoint_id=~"$datapoint"}[$__rate_interval])))',
    ]);
    expect(exprs(panel(d, 'Observation rate'))).toEqual([
      'sum(rate(test_histogram${metric}_count{datapoint_id=~"$datapoint"}[$__rate_interval]))',
      'sum(rate(test_summary${metric}_count{datapoint_id=~"$datapoint"}[$__rate_interval]))',
    ]);
  });

  it('uses $__rate_interval, no fixed ranges and no exemplars', () => {
    // given
    const targets = panels(model()).flatMap((p) => (p.targets as Json[] | undefined) ?? []);

    // when
    const fixedRanges = targets.filter((t) => /\[\d+[smhd]\]/.test(t.expr));

    // then
    expect(fixedRanges).toEqual([]);
    expect(targets.filter((t) => t.exemplar === true)).toEqual([]);
    for (const t of targets) expect(t.datasource).toEqual({ uid: '${datasource}' });
  });

  it('picks the metric index from the gauge names and the datapoints of the picked gauge', () => {
    // given
    const d = model();

    // when
    const names = (d.templating.list as Json[]).map((v) => `${v.type}: ${v.name}`);

    // then
    expect(names).toEqual(['datasource: datasource', 'query: metric', 'query: ratioTo', 'query: datapoint']);
    expect(variable(d, 'datasource')).toMatchObject({ query: 'prometheus', current: { value: 'prometheus' } });
    expect(variable(d, 'metric')).toMatchObject({
      definition: 'label_values({__name__=~"test_gauge[0-9]+"}, __name__)',
      regex: '/^test_gauge([0-9]+)$/',
      multi: false,
      includeAll: false,
      sort: 3,
      datasource: { uid: '${datasource}' },
    });
    expect(variable(d, 'ratioTo')).toMatchObject({
      definition: 'label_values({__name__=~"test_gauge[0-9]+"}, __name__)',
      current: { value: '2' },
      multi: false,
      includeAll: false,
    });
    expect(variable(d, 'datapoint')).toMatchObject({
      definition: 'label_values(test_gauge${metric}, datapoint_id)',
      multi: true,
      includeAll: true,
      allValue: '.*',
    });
  });

  it('has a stable uid, tags, refresh and time range', () => {
    // given / when
    const d = model();

    // then
    expect(d).toMatchObject({
      uid: 'prometheus-sample-app',
      title: 'Prometheus sample app',
      refresh: '30s',
      time: { from: 'now-1h', to: 'now' },
    });
    expect(d.tags).toEqual(['prometheus', 'adot', 'sample-app', 'o11y-as-code']);
  });

  it('passes the dashboard validator', () => {
    // given
    const d = normalizeDashboard(sampleAppDashboard().model);

    // when
    const problems = validateDashboard(d, { file: 'dashboards/sample-app/src/dashboard.ts', datasources: [prometheus] });

    // then
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it('takes data source, extra matchers, quantiles and ratio denominator from the config', () => {
    // given
    const overrides = {
      uid: 'sample-app-amp',
      datasource: { type: 'grafana-amazonprometheus-datasource', uid: 'amp' },
      selector: 'job="kubernetes-service-endpoints"',
      quantiles: [0.95],
      ratioDenominator: '7',
    };

    // when
    const d = model(overrides);

    // then
    expect(d.uid).toBe('sample-app-amp');
    expect(variable(d, 'datasource')).toMatchObject({ query: 'grafana-amazonprometheus-datasource', current: { value: 'amp' } });
    expect(variable(d, 'metric').definition).toBe(
      'label_values({__name__=~"test_gauge[0-9]+", job="kubernetes-service-endpoints"}, __name__)',
    );
    expect(variable(d, 'ratioTo').current.value).toBe('7');
    expect(variable(d, 'datapoint').definition).toBe('label_values(test_gauge${metric}{job="kubernetes-service-endpoints"}, datapoint_id)');
    expect(exprs(panel(d, 'Histogram ${metric} percentiles'))[0]).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(test_histogram${metric}_bucket{job="kubernetes-service-endpoints", datapoint_id=~"$datapoint"}[$__rate_interval])))',
    );
    expect(validateDashboard(normalizeDashboard(d), { file: 'dashboards/sample-app/src/dashboard.ts' })).toEqual([]);
  });
});
