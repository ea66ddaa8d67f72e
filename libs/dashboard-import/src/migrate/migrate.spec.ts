import { describe, expect, it } from 'vitest';
import {
  ImportError,
  migrateGraphPanel,
  migrateLegacyHeatmapPanel,
  migratePanel,
  migrateSinglestatPanel,
  migrateTableOldPanel,
} from './index.js';

describe('graph -> timeseries (after Grafana graphPanelChangedHandler)', () => {
  it('takes the unit, range and log scale from the left y axis', () => {
    // given
    const graph = {
      id: 1,
      type: 'graph',
      title: 'Latency',
      yaxes: [{ format: 'ms', min: '0', max: null, logBase: 10, show: true }, { format: 'short' }],
    };

    // when
    const { panel } = migrateGraphPanel(graph);

    // then
    expect(panel.type).toBe('timeseries');
    expect(panel.fieldConfig.defaults).toMatchObject({
      unit: 'ms',
      min: 0,
      custom: { scaleDistribution: { type: 'log', log: 10 }, axisPlacement: 'auto' },
    });
  });

  it('maps fill, line width, points, stacking, stepped lines and nulls', () => {
    const { panel } = migrateGraphPanel({
      type: 'graph',
      fill: 3,
      linewidth: 2,
      points: true,
      pointradius: 1,
      stack: true,
      steppedLine: true,
      nullPointMode: 'null',
      lines: true,
    });
    expect(panel.fieldConfig.defaults.custom).toMatchObject({
      drawStyle: 'line',
      fillOpacity: 30,
      lineWidth: 2,
      showPoints: 'always',
      pointSize: 4,
      stacking: { mode: 'normal', group: 'A' },
      lineInterpolation: 'stepAfter',
      spanNulls: true,
    });
  });

  it('turns the legend values into reducers and the shared tooltip into multi', () => {
    const { panel } = migrateGraphPanel({
      type: 'graph',
      legend: {
        show: true,
        alignAsTable: true,
        rightSide: true,
        values: true,
        avg: true,
        current: true,
        max: true,
        sort: 'current',
        sortDesc: true,
      },
      tooltip: { shared: true, sort: 2 },
    });
    expect(panel.options).toEqual({
      legend: {
        showLegend: true,
        displayMode: 'table',
        placement: 'right',
        calcs: ['mean', 'lastNotNull', 'max'],
        sortBy: 'Last *',
        sortDesc: true,
      },
      tooltip: { mode: 'multi', sort: 'desc' },
    });
  });

  it('turns alias colours and series overrides into field overrides, regex aliases into regex matchers', () => {
    const { panel } = migrateGraphPanel({
      type: 'graph',
      aliasColors: { errors: 'red' },
      seriesOverrides: [
        { alias: '/5xx.*/', linewidth: 3, bars: true },
        { alias: 'errors', fill: 0 },
      ],
    });
    expect(panel.fieldConfig.overrides).toEqual([
      { matcher: { id: 'byName', options: 'errors' }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }] },
      {
        matcher: { id: 'byRegexp', options: '/5xx.*/' },
        properties: [
          { id: 'custom.lineWidth', value: 3 },
          { id: 'custom.drawStyle', value: 'bars' },
          { id: 'custom.fillOpacity', value: 100 },
        ],
      },
      { matcher: { id: 'byName', options: 'errors' }, properties: [{ id: 'custom.fillOpacity', value: 0 }] },
    ]);
  });

  it('turns gt thresholds into steps over a transparent base and reports what it drops', () => {
    const { panel, conversion } = migrateGraphPanel({
      id: 4,
      title: 'X',
      type: 'graph',
      thresholds: [{ op: 'gt', value: 80, colorMode: 'critical', fill: true, line: false }],
      legend: { show: true, hideZero: true },
    });
    expect(panel.fieldConfig.defaults.thresholds).toEqual({
      mode: 'absolute',
      steps: [
        { value: null, color: 'transparent' },
        { value: 80, color: 'red' },
      ],
    });
    expect(panel.fieldConfig.defaults.custom.thresholdsStyle).toEqual({ mode: 'area' });
    expect(conversion).toMatchObject({ panel: 'panel 4 "X"', from: 'graph', to: 'timeseries' });
    expect(conversion.dropped[0]).toMatch(/^legend.hideZero/);
  });
});

describe('table-old -> table (after Grafana migrateFromAngular)', () => {
  it('turns styles into overrides, the /.*/ style into defaults and the transform into a transformation', () => {
    // given
    const old = {
      type: 'table-old',
      transform: 'table',
      styles: [
        { pattern: 'Time', type: 'hidden' },
        { pattern: 'service', type: 'string', link: true, linkUrl: '/d/x?var-service=$__cell_2', linkTooltip: 'Drill down' },
        { pattern: 'Value #C', alias: 'Health', type: 'number', unit: 'percentunit', decimals: 0 },
        { pattern: '/.*/', unit: 'short', decimals: 2 },
      ],
    };

    // when
    const { panel } = migrateTableOldPanel(old);

    // then
    expect(panel.transformations).toEqual([{ id: 'merge', options: { reducers: [] } }]);
    expect(panel.fieldConfig.defaults).toEqual({ unit: 'short', decimals: 2 });
    expect(panel.fieldConfig.overrides).toEqual([
      { matcher: { id: 'byName', options: 'Time' }, properties: [{ id: 'custom.hidden', value: true }] },
      {
        matcher: { id: 'byName', options: 'service' },
        properties: [{ id: 'links', value: [{ title: 'Drill down', url: '/d/x?var-service=${__data.fields[2]}', targetBlank: false }] }],
      },
      {
        matcher: { id: 'byName', options: 'Value #C' },
        properties: [
          { id: 'displayName', value: 'Health' },
          { id: 'unit', value: 'percentunit' },
        ],
      },
    ]);
  });
});

describe('singlestat -> stat (after Grafana sharedSingleStatMigrationHandler)', () => {
  it('reduces by the value name, colours by thresholds and keeps the sparkline', () => {
    const { panel, conversion } = migrateSinglestatPanel({
      type: 'singlestat',
      valueName: 'avg',
      format: 'bytes',
      thresholds: '10,20',
      colors: ['green', 'orange', 'red'],
      colorValue: true,
      sparkline: { show: true },
      prefix: '~',
    });
    expect(panel.type).toBe('stat');
    expect(panel.options).toMatchObject({ reduceOptions: { calcs: ['mean'] }, colorMode: 'value', graphMode: 'area' });
    expect(panel.fieldConfig.defaults).toMatchObject({
      unit: 'bytes',
      thresholds: {
        steps: [
          { value: null, color: 'green' },
          { value: 10, color: 'orange' },
          { value: 20, color: 'red' },
        ],
      },
    });
    expect(conversion.dropped).toEqual(['prefix "~" (put it in a custom unit)']);
  });

  it('becomes a gauge when the singlestat showed one', () => {
    expect(migrateSinglestatPanel({ type: 'singlestat', gauge: { show: true, minValue: 0, maxValue: 100 } }).panel).toMatchObject({
      type: 'gauge',
      fieldConfig: { defaults: { min: 0, max: 100 } },
    });
  });
});

describe('legacy heatmap -> heatmap (after Grafana angularToReactHeatmap)', () => {
  it('buckets time series in the panel and carries the colour scheme and y axis unit', () => {
    const { panel } = migrateLegacyHeatmapPanel({
      type: 'heatmap',
      dataFormat: 'timeseries',
      color: { mode: 'spectrum', colorScheme: 'interpolateViridis', colorScale: 'sqrt', exponent: 0.5 },
      yAxis: { format: 'short', show: true },
      legend: { show: false },
    });
    expect(panel.options).toMatchObject({
      calculate: true,
      color: { mode: 'scheme', scheme: 'Viridis', scale: 'exponential' },
      yAxis: { unit: 'short', axisPlacement: 'left' },
      legend: { show: false },
    });
    expect(panel).not.toHaveProperty('dataFormat');
  });

  it('uses tsbuckets as they are', () => {
    expect(migrateLegacyHeatmapPanel({ type: 'heatmap', dataFormat: 'tsbuckets' }).panel.options.calculate).toBe(false);
  });
});

describe('migratePanel', () => {
  it('passes current panel types through unchanged', () => {
    const p = { type: 'timeseries', title: 'x' };
    expect(migratePanel(p)).toEqual({ panel: p });
  });

  it('fails naming the panel and the construct it cannot convert', () => {
    expect(() => migratePanel({ id: 7, type: 'grafana-worldmap-panel', title: 'Foo' })).toThrow(ImportError);
    expect(() => migratePanel({ id: 7, type: 'grafana-worldmap-panel', title: 'Foo' })).toThrow(
      'panel 7 "Foo": panel type "grafana-worldmap-panel" has no current equivalent',
    );
  });
});
