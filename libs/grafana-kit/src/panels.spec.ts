import { describe, expect, it } from 'vitest';
import { promQuery } from './queries.js';
import { heatmapPanel, statPanel, timeseriesPanel, tracesPanel } from './panels.js';
import { labelValuesVariable, datasourceVariable } from './variables.js';
import { dashboard, PROJECT_TAG } from './dashboard.js';

describe('house style', () => {
  it('gives a timeseries panel its unit, the datasource variable and a table legend', () => {
    // given / when
    const p = timeseriesPanel('Requests', 'reqps').withTarget(promQuery('sum(rate(x[$__rate_interval]))', '{{service}}')).build();

    // then
    expect(p.type).toBe('timeseries');
    expect(p.fieldConfig?.defaults?.unit).toBe('reqps');
    expect(p.datasource).toEqual({ uid: '${datasource}' });
    expect(p.options).toMatchObject({ legend: { displayMode: 'table', showLegend: true, calcs: ['mean', 'max', 'lastNotNull'] } });
    expect(p.targets?.[0]).toMatchObject({ expr: 'sum(rate(x[$__rate_interval]))', legendFormat: '{{service}}', range: true });
  });

  it('reduces a stat to its last value', () => {
    const p = statPanel('Nodes', 'short').build();
    expect(p.options).toMatchObject({ reduceOptions: { calcs: ['lastNotNull'] } });
  });

  it('puts the heatmap unit on the y axis and does not re-bucket', () => {
    const p = heatmapPanel('Latency', 'ms').build();
    expect(p.options).toMatchObject({ calculate: false, yAxis: { unit: 'ms' } });
  });

  it('builds the core traces panel type', () => {
    expect(tracesPanel('Trace').build().type).toBe('traces');
  });

  it('lets "All" match everything in label variables', () => {
    const v = labelValuesVariable('namespace', 'envoy_cluster_upstream_rq_total', 'namespace').build();
    expect(v).toMatchObject({ type: 'query', multi: true, includeAll: true, allValue: '.*', datasource: { uid: '${datasource}' } });
    expect(v.definition).toBe('label_values(envoy_cluster_upstream_rq_total, namespace)');
  });

  it('pre-selects a data source by uid', () => {
    expect(datasourceVariable('prometheus', { current: 'prom' }).build()).toMatchObject({
      type: 'datasource',
      query: 'prometheus',
      current: { value: 'prom' },
    });
  });

  it('tags every dashboard as built by this project', () => {
    const d = dashboard({ uid: 'u', title: 't', description: 'd', tags: ['envoy'] }).build();
    expect(d.tags).toEqual(['envoy', PROJECT_TAG]);
    expect(d).toMatchObject({ refresh: '30s', time: { from: 'now-1h', to: 'now' }, graphTooltip: 1 });
  });
});
