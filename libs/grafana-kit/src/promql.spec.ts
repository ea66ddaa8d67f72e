import { describe, expect, it } from 'vitest';
import { histogramQuantile, matchers, percentileLabel, rate, ratio, series, sumBy } from './promql.js';

describe('promql snippets', () => {
  it('writes a selector only when there are matchers', () => {
    expect(series('up')).toBe('up');
    expect(series('up', 'job="x"')).toBe('up{job="x"}');
    expect(matchers('a="1"', undefined, '', 'b=~"$b"')).toBe('a="1", b=~"$b"');
  });

  it('uses Grafana rate interval by default', () => {
    expect(rate('envoy_http_downstream_rq_total', 'service=~"$service"')).toBe(
      'rate(envoy_http_downstream_rq_total{service=~"$service"}[$__rate_interval])',
    );
  });

  it('aggregates histogram buckets by le and the extra labels', () => {
    expect(histogramQuantile(0.99, 'envoy_cluster_upstream_rq_time_bucket', 'namespace=~"$namespace"', ['service'])).toBe(
      'histogram_quantile(0.99, sum by (le, service) (rate(envoy_cluster_upstream_rq_time_bucket{namespace=~"$namespace"}[$__rate_interval])))',
    );
  });

  it('takes a fixed range for rule evaluators, which do not know $__rate_interval', () => {
    expect(histogramQuantile(0.9, 'x_bucket', '', ['service'], '1m')).toBe(
      'histogram_quantile(0.9, sum by (le, service) (rate(x_bucket[1m])))',
    );
  });

  it('rejects quantiles outside (0, 1)', () => {
    expect(() => histogramQuantile(99, 'x_bucket')).toThrow(/between 0 and 1/);
  });

  it('writes sum without by when no labels are given', () => {
    expect(sumBy([], 'up')).toBe('sum(up)');
    expect(ratio('a', 'b')).toBe('(a) / (b)');
    expect(percentileLabel(0.5)).toBe('p50');
    expect(percentileLabel(0.999)).toBe('p99.9');
  });
});
