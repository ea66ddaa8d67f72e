import { describe, expect, it } from 'vitest';
import { promqlOfVariableQuery, promqlProblems, substituteGrafanaVariables } from './promql.js';

describe('promqlProblems', () => {
  it('accepts Grafana macros and variables in ranges, names and matchers', () => {
    expect(promqlProblems('sum by (le) (rate(test_histogram${metric}_bucket{instance=~"$instance:9100"}[$__rate_interval]))')).toEqual([]);
    expect(promqlProblems('increase(x[$__range]) / $__range_s')).toEqual([]);
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
});
