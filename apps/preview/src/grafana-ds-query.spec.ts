import { describe, expect, it } from 'vitest';
import type { DashboardJson, DatasourceJson } from './dashboard-model.js';
import { framesWithData, type DsQueryRequest, type GrafanaQueryApi } from './grafana-ds-query.js';
import { checkPanelData } from './panel-data.js';

const numberFrame = (values: unknown[]) => ({
  schema: { fields: [{ type: 'time' }, { type: 'number' }] },
  data: { values: [values.map((_, i) => i * 1000), values] },
});

describe('framesWithData', () => {
  it('counts frames with a finite number in a number field; NaN and ±Inf arrive as null, an empty result as a frame without fields', () => {
    expect(framesWithData([numberFrame([1, null]), numberFrame([null, null]), { schema: { fields: [] }, data: { values: [] } }])).toBe(1);
    expect(framesWithData([{ schema: { fields: [{ type: 'time' }, { type: 'string' }] }, data: { values: [[1], ['x']] } }])).toBe(0);
    expect(framesWithData(undefined)).toBe(0);
  });
});

describe('checkPanelData through /api/ds/query', () => {
  // given: a panel with a range, a "Both" and a hidden target, a custom variable and promlib's macros
  const datasources: DatasourceJson[] = [
    { uid: 'prom', name: 'Prometheus', type: 'prometheus', isDefault: true, jsonData: { timeInterval: '5s' } },
  ];
  const dashboard: DashboardJson = {
    uid: 'd',
    title: 'D',
    templating: { list: [{ name: 'job', type: 'custom', query: 'api,web', current: { value: 'web', text: 'web' } }] },
    panels: [
      {
        id: 1,
        type: 'timeseries',
        title: 'P',
        datasource: { uid: 'prom', type: 'prometheus' },
        targets: [
          { refId: 'A', expr: 'rate(x{job="$job"}[$__rate_interval])', legendFormat: '{{job}}' },
          { refId: 'B', expr: 'up{job="$job"} + ${__from}', range: true, instant: true, interval: '10s' },
          { refId: 'C', expr: 'hidden', hide: true },
        ],
      },
    ],
  };
  const sent: DsQueryRequest[] = [];
  const api: GrafanaQueryApi = {
    url: 'http://grafana.invalid',
    query: async (request) => {
      sent.push(request);
      return {
        A: {
          status: 200,
          frames: [
            {
              ...numberFrame([1]),
              schema: { ...numberFrame([1]).schema, meta: { executedQueryString: 'Expr: rate(x{job="web"}[20s])\nStep: 5s' } },
            },
          ],
        },
        B: { status: 200, frames: [numberFrame([2])] },
        'B-Instant': { status: 400, error: 'bad_data: boom', frames: [] },
      };
    },
    close: async () => {},
  };

  it('sends one request per panel shaped as the frontend sends it, and reads each refId back', async () => {
    // when
    const report = await checkPanelData({ dashboards: [dashboard], datasources }, 'http://prometheus.invalid', {
      now: () => 1_000_000,
      rangeMs: 300_000,
      noLocalSource: [],
      grafana: { api, description: 'the test Grafana' },
    });

    // then: variables replaced, promlib's macros left, "Both" split into B and B-Instant, the hidden target not sent
    expect(sent).toHaveLength(1);
    expect(sent[0]!.from).toBe('700000');
    expect(sent[0]!.to).toBe('1000000');
    expect(sent[0]!.queries).toEqual([
      expect.objectContaining({
        refId: 'A',
        expr: 'rate(x{job="web"}[$__rate_interval])',
        range: true,
        instant: false,
        intervalMs: 5000,
        maxDataPoints: 1000,
        legendFormat: '{{job}}',
        datasource: { uid: 'prom', type: 'prometheus' },
      }),
      expect.objectContaining({ refId: 'B', expr: 'up{job="web"} + 700000', range: true, instant: false, interval: '10s' }),
      expect.objectContaining({ refId: 'B-Instant', range: false, instant: true }),
    ]);
    expect(report.via).toBe("through the test Grafana's /api/ds/query");
    expect(report.panels[0]!.queries).toEqual([
      { refId: 'A', expr: 'rate(x{job="web"}[20s])', kind: 'range', series: 1 },
      { refId: 'B', expr: 'up{job="web"} + 700000', kind: 'range', series: 1 },
      { refId: 'B', expr: 'up{job="web"} + 700000', kind: 'instant', series: 0, error: 'bad_data: boom' },
    ]);
    expect(report.failures).toHaveLength(1);
  });
});
