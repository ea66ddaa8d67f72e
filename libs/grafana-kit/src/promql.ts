/**
 * PromQL snippets. Selectors are passed as ready label-matcher strings, e.g.
 * `namespace=~"$namespace", service=~"$service"`, so a dashboard's config object can hold them.
 */

/** The range every rate uses: Grafana picks one that spans at least four scrapes. */
export const RATE_INTERVAL = '$__rate_interval';

/** `metric{selector}`, or the bare metric when the selector is empty. */
export function series(metric: string, selector = ''): string {
  return selector.trim() ? `${metric}{${selector}}` : metric;
}

/** Joins label matchers, skipping empty ones. */
export function matchers(...parts: ReadonlyArray<string | undefined>): string {
  return parts.filter((p): p is string => !!p && p.trim() !== '').join(', ');
}

export function rate(metric: string, selector = '', range = RATE_INTERVAL): string {
  return `rate(${series(metric, selector)}[${range}])`;
}

export function increase(metric: string, selector = '', range = RATE_INTERVAL): string {
  return `increase(${series(metric, selector)}[${range}])`;
}

/** `sum by (labels) (expr)`; with no labels a plain `sum(expr)`. */
export function sumBy(labels: readonly string[], expr: string): string {
  return labels.length ? `sum by (${labels.join(', ')}) (${expr})` : `sum(${expr})`;
}

export function avgBy(labels: readonly string[], expr: string): string {
  return labels.length ? `avg by (${labels.join(', ')}) (${expr})` : `avg(${expr})`;
}

/**
 * Quantile of a histogram: `histogram_quantile(q, sum by (le, ...) (rate(<metric>_bucket[range])))`.
 * Alerts pass a fixed range: rule evaluators do not know `$__rate_interval`.
 */
export function histogramQuantile(
  quantile: number,
  bucketMetric: string,
  selector = '',
  by: readonly string[] = [],
  range = RATE_INTERVAL,
): string {
  if (!(quantile > 0 && quantile < 1)) throw new Error(`quantile must be between 0 and 1, got ${quantile}`);
  return `histogram_quantile(${quantile}, ${sumBy(['le', ...by], rate(bucketMetric, selector, range))})`;
}

/** `(numerator) / (denominator)`. */
export function ratio(numerator: string, denominator: string): string {
  return `(${numerator}) / (${denominator})`;
}

/** Percentile label used in legends: 0.99 -> "p99". */
export function percentileLabel(quantile: number): string {
  return `p${Math.round(quantile * 1000) / 10}`;
}
