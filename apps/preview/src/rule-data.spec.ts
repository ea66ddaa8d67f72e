import { describe, expect, it } from 'vitest';
import type { AlertRuleGroupJson } from './environment-artifacts.js';
import type { PrometheusApi, Series } from './prometheus-api.js';
import { checkRuleData } from './rule-data.js';
import { vectorSelectors } from './selector-data.js';

/** Answers as a Prometheus holding only `present` selectors would: a series for those, nothing for the rest. */
function prometheusHolding(present: readonly string[]): PrometheusApi & { queries: string[] } {
  const queries: string[] = [];
  const series: Series[] = [{ metric: { job: 'x' }, values: [[1, '1']] }];
  return {
    url: 'http://prometheus.invalid',
    queries,
    async query(expr) {
      queries.push(expr);
      const selector = /^last_over_time\((.*)\[\d+s\]\)$/.exec(expr)?.[1];
      if (selector !== undefined) return present.includes(selector) ? series : [];
      // A rule query: absent() answers when its selector is missing; the others when all their selectors are there.
      const absent = /^absent\((.*)\)$/.exec(expr)?.[1];
      if (absent !== undefined) return present.includes(absent) ? [] : series;
      return vectorSelectors(expr).every((s) => present.includes(s)) ? series : [];
    },
    queryRange: async () => series,
    labelValues: async () => [],
    labelNames: async () => [],
  };
}

const group = (rules: [string, string][]): AlertRuleGroupJson => ({
  title: 'g',
  rules: rules.map(([title, expr]) => ({
    title,
    data: [
      { refId: 'A', datasourceUid: 'amp', relativeTimeRange: { from: 600, to: 0 }, model: { expr, instant: true, refId: 'A' } },
      { refId: 'C', datasourceUid: '__expr__', model: { type: 'threshold', expression: 'A' } },
    ],
  })),
});
const datasources = [
  { uid: 'amp', name: 'AMP', type: 'prometheus' },
  { uid: 'xray', name: 'X-Ray', type: 'grafana-x-ray-datasource' },
];

describe('vectorSelectors', () => {
  it('finds each series selector once, inside functions, ranges and binary operations', () => {
    expect(
      vectorSelectors('absent(up{job="a"}) or rate(test_counter0[1m]) / on(job) sum by (le)(rate(test_counter0[5m])) > bool 0'),
    ).toEqual(['up{job="a"}', 'test_counter0']);
  });
});

describe('checkRuleData', () => {
  it('reports a rule whose selector the pipeline does not produce, naming the selector (the `_total` rename)', async () => {
    // given: the collector appended _total, so the counter the rule reads is not there
    const api = prometheusHolding(['test_counter0_total']);

    // when
    const [rule] = await checkRuleData([group([['CounterStopped', 'rate(test_counter0[1m]) == 0']])], datasources, '', {
      api,
      now: () => 1e6,
    });

    // then
    expect(rule!.status).toBe('not-fed');
    expect(rule!.queries[0]!.selectors).toEqual([{ selector: 'test_counter0', series: 0 }]);
    expect(api.queries).toContain('last_over_time(test_counter0[600s])');
  });

  it('counts a healthy absent() rule, which returns nothing, as fed when its selector has series', async () => {
    // given
    const api = prometheusHolding(['up{service="sample"}']);

    // when
    const checks = await checkRuleData(
      [
        group([
          ['NotScraped', 'absent(up{service="sample"})'],
          ['NotScrapedWrongLabel', 'absent(up{service="sample-service"})'],
        ]),
      ],
      datasources,
      '',
      { api, now: () => 1e6 },
    );

    // then: the first answers nothing yet is fed; the second fires forever and is not fed
    expect(checks.map((c) => [c.rule, c.status, c.queries[0]!.series])).toEqual([
      ['NotScraped', 'fed', 0],
      ['NotScrapedWrongLabel', 'not-fed', 1],
    ]);
  });

  it('leaves rules on other data sources out, naming them, and reports a query Prometheus rejects', async () => {
    // given
    const api = prometheusHolding([]);
    api.query = async () => {
      throw new Error('/api/v1/query: HTTP 400: parse error');
    };
    const xray: AlertRuleGroupJson = {
      title: 'x',
      rules: [{ title: 'Faults', data: [{ refId: 'A', datasourceUid: 'xray', model: { refId: 'A' } }] }],
    };

    // when
    const checks = await checkRuleData([xray, group([['Broken', 'rate(x[1m]']])], datasources, '', { api, now: () => 1e6 });

    // then
    expect(checks.map((c) => [c.rule, c.status, c.reason ?? c.queries[0]!.error])).toEqual([
      ['Faults', 'not-prometheus', 'X-Ray (grafana-x-ray-datasource)'],
      ['Broken', 'not-fed', '/api/v1/query: HTTP 400: parse error'],
    ]);
  });
});
