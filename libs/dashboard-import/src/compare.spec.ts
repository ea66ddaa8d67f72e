import { describe, expect, it } from 'vitest';
import { compareDashboards } from './compare.js';
import { bindDatasources, inferPluginType } from './datasources.js';
import { normalizeGrafanaDashboard } from './grafana-normalize.js';

const panel = (extra: object) => ({ id: 1, type: 'timeseries', title: 'Requests', gridPos: { x: 0, y: 0, w: 12, h: 8 }, ...extra });

describe('compareDashboards', () => {
  it('sees no difference where Grafana would load the same dashboard', () => {
    // given: a pre-8.3 export and the same dashboard as Grafana 12 saves it
    const old = {
      uid: 'u',
      title: 'T',
      refresh: false,
      schemaVersion: 27,
      id: 4,
      panels: [panel({ datasource: '$ds', targets: [{ expr: 'up', refId: 'A', interval: '', hide: false }] })],
    };
    const current = {
      uid: 'u',
      title: 'T',
      schemaVersion: 41,
      panels: [
        panel({
          datasource: { uid: '${ds}' },
          targets: [{ expr: 'up', refId: 'A', range: true, datasource: { uid: '${ds}' } }],
          options: { legend: { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] } },
        }),
      ],
    };

    // when / then
    expect(compareDashboards(old, current)).toEqual([]);
  });

  it('lists each difference by panel and path', () => {
    const a = { uid: 'u', panels: [panel({ fieldConfig: { defaults: { unit: 's' }, overrides: [] } })] };
    const b = { uid: 'u', panels: [panel({ fieldConfig: { defaults: { unit: 'ms' }, overrides: [] } })] };
    expect(compareDashboards(a, b)).toEqual([
      { path: 'panel 1 timeseries "Requests".fieldConfig.defaults.unit', expected: 's', actual: 'ms' },
    ]);
  });

  it('names variables by name', () => {
    const a = { uid: 'u', panels: [], templating: { list: [{ name: 'job', type: 'custom', query: 'a,b' }] } };
    const b = { uid: 'u', panels: [], templating: { list: [{ name: 'job', type: 'custom', query: 'a' }] } };
    expect(compareDashboards(a, b).map((d) => d.path)).toEqual(['variable "job".query']);
  });
});

describe('bindDatasources', () => {
  it('replaces a data source named in panels by a datasource variable of the type its queries tell', () => {
    // given
    const { model, inputs } = normalizeGrafanaDashboard({
      panels: [panel({ datasource: 'AWS X-Ray', targets: [{ refId: 'A', queryType: 'getServiceMap', region: 'default' }] })],
    });

    // when
    const bindings = bindDatasources(model, inputs);

    // then
    expect(bindings).toEqual([{ reference: 'AWS X-Ray', pluginType: 'grafana-x-ray-datasource', variable: 'datasource', added: true }]);
    expect(model.panels[0].datasource).toEqual({ uid: '${datasource}' });
    expect(model.templating.list[0]).toMatchObject({
      type: 'datasource',
      name: 'datasource',
      query: 'grafana-x-ray-datasource',
      current: { value: 'AWS X-Ray' },
    });
  });

  it('maps export inputs (${DS_X}) to one variable per plugin type, reusing the dashboard own one', () => {
    const { model, inputs } = normalizeGrafanaDashboard({
      __inputs: [{ name: 'DS_PROM', type: 'datasource', pluginId: 'prometheus' }],
      templating: { list: [{ name: 'metrics', type: 'datasource', query: 'prometheus' }] },
      panels: [panel({ datasource: '${DS_PROM}', targets: [{ expr: 'up', refId: 'A' }] })],
    });
    expect(bindDatasources(model, inputs)).toEqual([
      { reference: '${DS_PROM}', pluginType: 'prometheus', variable: 'metrics', added: false },
    ]);
  });

  it('tells LogQL from PromQL', () => {
    expect(inferPluginType([{ expr: 'sum(rate({job="x"} |= "error" [5m]))' }])).toBe('loki');
    expect(inferPluginType([{ expr: 'sum(rate(http_requests_total[5m]))' }])).toBe('prometheus');
    expect(inferPluginType([{ queryType: 'traceql', query: '{}' }])).toBe('tempo');
  });
});
