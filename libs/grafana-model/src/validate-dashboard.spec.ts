import { describe, expect, it } from 'vitest';
import { formatProblem, type DataSourceDefinition } from '@o11y/environment';
import { normalizeDashboard } from './normalize-dashboard.js';
import { validateDashboard } from './validate-dashboard.js';

const prom: DataSourceDefinition = { uid: 'prometheus', name: 'Prometheus', type: 'prometheus', access: 'proxy', jsonData: {} };
const dsVar = { type: 'datasource', name: 'datasource', query: 'prometheus' };

/** A valid dashboard; each test breaks one thing. */
function dashboard(panels: object[], variables: object[] = [dsVar]) {
  return normalizeDashboard({ uid: 'broken', title: 'Broken', tags: ['t'], templating: { list: variables }, panels });
}

const ts = (over: object = {}) => ({
  type: 'timeseries',
  title: 'Requests',
  gridPos: { x: 0, y: 0, w: 12, h: 8 },
  datasource: { uid: '${datasource}' },
  fieldConfig: { defaults: { unit: 'reqps' }, overrides: [] },
  targets: [{ expr: 'sum(rate(up[$__rate_interval]))' }],
  ...over,
});

const messages = (d: ReturnType<typeof dashboard>) =>
  validateDashboard(d, { file: 'dashboards/broken/src/dashboard.ts', datasources: [prom] }).map(formatProblem);

describe('validateDashboard', () => {
  it('accepts a well-formed dashboard', () => {
    expect(messages(dashboard([ts()]))).toEqual([]);
  });

  it('names file, dashboard, panel and query of a PromQL error', () => {
    expect(messages(dashboard([ts({ targets: [{ expr: 'sum(rate(up[5m])' }] })]))).toEqual([
      expect.stringMatching(
        /^dashboards\/broken\/src\/dashboard\.ts: dashboard broken panel "Requests" query A: PromQL does not parse at offset/,
      ),
    ]);
  });

  it('rejects deprecated panel types', () => {
    expect(messages(dashboard([ts({ type: 'graph' })]))).toContain(
      'dashboards/broken/src/dashboard.ts: dashboard broken panel "Requests": panel type "graph" is deprecated; use "timeseries"',
    );
  });

  it('requires a unit on numeric panels', () => {
    expect(messages(dashboard([ts({ fieldConfig: { defaults: {}, overrides: [] } })]))).toEqual([
      'dashboards/broken/src/dashboard.ts: dashboard broken panel "Requests": numeric panel has no unit (fieldConfig.defaults.unit)',
    ]);
  });

  it('finds overlapping panels', () => {
    const out = messages(dashboard([ts(), ts({ title: 'Errors', gridPos: { x: 6, y: 4, w: 12, h: 8 } })]));
    expect(out).toEqual(['dashboards/broken/src/dashboard.ts: dashboard broken panel "Errors": overlaps panel "Requests" on the grid']);
  });

  it('rejects panels wider than the grid', () => {
    expect(messages(dashboard([ts({ gridPos: { x: 12, y: 0, w: 13, h: 8 } })]))[0]).toMatch(/outside the 24-column grid/);
  });

  it('rejects data sources baked in by name', () => {
    expect(messages(dashboard([ts({ datasource: 'AWS X-Ray eu-west-1' })]))).toEqual([
      'dashboards/broken/src/dashboard.ts: dashboard broken panel "Requests": data source referenced by name "AWS X-Ray eu-west-1"; use the dashboard\'s datasource variable',
    ]);
  });

  it('rejects a fixed uid the environment does not define', () => {
    expect(messages(dashboard([ts({ datasource: { type: 'prometheus', uid: 'amp' } })]))).toEqual([
      'dashboards/broken/src/dashboard.ts: dashboard broken panel "Requests": data source uid "amp" is not defined in this environment',
    ]);
  });

  it('rejects an export placeholder such as ${DS_PROMETHEUS}', () => {
    expect(messages(dashboard([ts({ datasource: { uid: '${DS_PROMETHEUS}' } })]))).toEqual([
      'dashboards/broken/src/dashboard.ts: dashboard broken panel "Requests": data source variable $DS_PROMETHEUS is not defined',
    ]);
  });

  it('needs a data source of the variable type in the environment', () => {
    const out = messages(dashboard([ts()], [{ type: 'datasource', name: 'datasource', query: 'grafana-x-ray-datasource' }]));
    expect(out).toEqual([
      'dashboards/broken/src/dashboard.ts: dashboard broken variable "datasource": no data source of type "grafana-x-ray-datasource" in this environment',
    ]);
  });

  it('checks the selector of label_values variables', () => {
    const v = {
      type: 'query',
      name: 'node',
      datasource: { uid: '${datasource}' },
      query: { query: 'label_values(kube_node_labels{, node)' },
    };
    expect(messages(dashboard([ts()], [dsVar, v]))[0]).toMatch(/variable "node": PromQL does not parse/);
  });

  it('rejects uids longer than 40 characters', () => {
    const d = { ...dashboard([ts()]), uid: 'x'.repeat(41) };
    expect(messages(d)[0]).toMatch(/uid: uid must be 1-40 characters/);
  });

  it('rejects legacy heatmap panels', () => {
    const legacy = ts({ type: 'heatmap', dataFormat: 'timeseries', fieldConfig: { defaults: { unit: 'short' } } });
    expect(messages(dashboard([legacy]))).toEqual([
      'dashboards/broken/src/dashboard.ts: dashboard broken panel "Requests": legacy heatmap options (dataFormat); rebuild it as a current heatmap panel',
    ]);
  });

  it.each([
    ['$cluster', 'up{cluster="$cluster"}'],
    ['ns', 'up{namespace=~"${ns:regex}"}'],
    ['node', 'up{node="[[node]]"}'],
  ])('names the panel and an undefined variable used in a query (%s)', (_name, expr) => {
    const name = /\$\{?(\w+)|\[\[(\w+)/.exec(expr)!.slice(1).find(Boolean);
    expect(messages(dashboard([ts({ targets: [{ refId: 'A', expr }] })]))).toEqual([
      `dashboards/broken/src/dashboard.ts: dashboard broken panel "Requests": template variable $${name} is used (query A.expr) but not defined`,
    ]);
  });

  it('names undefined variables in titles and links, and accepts built-ins', () => {
    const p = ts({
      title: 'Requests on $node',
      links: [{ title: 'Logs', url: '/d/logs?var-pod=${pod}&${__url_time_range}' }],
      targets: [{ refId: 'A', expr: 'sum(increase(up[$__range])) / $__range_s + $__interval_ms' }],
    });
    expect(messages(dashboard([p]))).toEqual([
      'dashboards/broken/src/dashboard.ts: dashboard broken panel "Requests on $node": template variable $node is used (title) but not defined',
      'dashboards/broken/src/dashboard.ts: dashboard broken panel "Requests on $node": template variable $pod is used (links[0].url) but not defined',
    ]);
  });

  it('deprecates Angular tables (with styles) and points plain JSON to o11y import', () => {
    const table = { type: 'table', title: 'Pods', gridPos: { x: 0, y: 0, w: 12, h: 8 }, styles: [{ pattern: '/.*/' }] };
    expect(validateDashboard(dashboard([table]), { file: 'json/old.json', datasources: [prom] }).map(formatProblem)).toEqual([
      'json/old.json: dashboard broken panel "Pods": Angular table (with "styles") is deprecated; use "table"; `o11y import` migrates it',
    ]);
    expect(validateDashboard(dashboard([{ ...table, type: 'graph' }]), { file: 'json/old.json' }).map(formatProblem)[0]).toBe(
      'json/old.json: dashboard broken panel "Pods": panel type "graph" is deprecated; use "timeseries"; `o11y import` migrates it',
    );
  });
});
