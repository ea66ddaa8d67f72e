import { describe, expect, it } from 'vitest';
import { promqlOfVariableQuery, promqlProblems, substituteGrafanaVariables, vectorSelectors } from './promql.js';

describe('promqlProblems', () => {
  it('accepts Grafana macros and variables in ranges, names and matchers', () => {
    expect(promqlProblems('sum by (le) (rate(test_histogram${metric}_bucket{instance=~"$instance:9100"}[$__rate_interval]))')).toEqual([]);
    expect(promqlProblems('increase(x[$__range]) / $__range_s')).toEqual([]);
  });

  it('reads every millisecond and second macro as a number, $__rate_interval_ms too', () => {
    expect(substituteGrafanaVariables('x / $__rate_interval_ms + ${__interval_ms} - $__range_s')).toBe('x / 300 + 300 - 300');
    expect(promqlProblems('increase(x[$__rate_interval]) / $__rate_interval_ms')).toEqual([]);
  });

  it('reports an unbalanced expression with where it breaks', () => {
    const [problem] = promqlProblems('sum(rate(up[5m])');
    expect(problem).toMatch(/^PromQL does not parse at offset \d+: near "/);
  });

  it('reports an empty expression', () => {
    expect(promqlProblems('  ')).toEqual(['empty PromQL expression']);
  });

  it('keeps string literals untouched while substituting', () => {
    expect(substituteGrafanaVariables('up{job="$job"}[$__interval] * $scale')).toBe('up{job="$job"}[5m] * var_scale');
  });

  it('extracts the selector of label_values and query_result variable queries', () => {
    expect(promqlOfVariableQuery('label_values(kube_node_labels{a="b"}, node)')).toBe('kube_node_labels{a="b"}');
    expect(promqlOfVariableQuery('query_result(topk(5, up))')).toBe('topk(5, up)');
    expect(promqlOfVariableQuery('label_names()')).toBeUndefined();
  });

  it.each([
    ['rate(foo)', 'PromQL: expected type matrix in call to function "rate", got vector, at offset 5: near "rate(foo)"'],
    ['foo[5m][5m]', 'PromQL: ranges are only allowed on series selectors, at offset 0: near "foo[5m][5m]"'],
    ['topk(foo, 5)', 'PromQL: expected type scalar in aggregation parameter, got vector, at offset 5: near "topk(foo, 5)"'],
    [
      'label_replace(up, "a", "b")',
      'PromQL: expected 5 argument(s) in call to "label_replace", got 3, at offset 0: near "label_replace(up, "a", "b")"',
    ],
  ])('checks types and function signatures with the Prometheus linter: %s', (expr, message) => {
    expect(promqlProblems(expr)[0]).toBe(message);
  });

  it('leaves the type of a template variable to Grafana', () => {
    expect(promqlProblems('topk($n, sum by (job) (rate(up[$__rate_interval])))')).toEqual([]);
  });
});

describe('vectorSelectors', () => {
  it('lists every series selector with its metric name and matchers, macros substituted and variables in values kept', () => {
    // given
    const expr = 'sum(rate(a_total{job="x", ns=~"$namespace"}[$__rate_interval])) / on() {__name__="b", c!=""} and absent(up)';

    // when
    const selectors = vectorSelectors(expr);

    // then
    expect(selectors.map((s) => [s.metric, s.matchers])).toEqual([
      [
        'a_total',
        [
          { name: 'job', op: '=', value: 'x' },
          { name: 'ns', op: '=~', value: '$namespace' },
        ],
      ],
      ['b', [{ name: 'c', op: '!=', value: '' }]],
      ['up', []],
    ]);
  });

  it('is empty for an expression that does not parse', () => {
    expect(vectorSelectors('sum(rate(x[5m])')).toEqual([]);
  });
});
