import { parser } from '@prometheus-io/lezer-promql';
import { rate, sumBy } from '@o11y/grafana-kit';
import type { Threshold } from './model.js';

const ARITHMETIC = new Set(['Add', 'Sub', 'Mul', 'Div', 'Mod', 'Pow', 'Atan2']);

/** `expr > value` / `expr < value`, parenthesising only where precedence needs it (and/or/unless, comparisons). */
export function comparisonExpr(expr: string, threshold: Threshold): string {
  const top = parser.parse(expr).topNode.firstChild;
  const operator = top?.name === 'BinaryExpr' ? top.firstChild?.nextSibling?.name : undefined;
  const operand = operator !== undefined && !ARITHMETIC.has(operator) ? `(${expr})` : expr;
  return `${operand} ${threshold.op === 'gt' ? '>' : '<'} ${threshold.value}`;
}

/**
 * Quantile of a histogram over a fixed window: alert queries cannot use `$__rate_interval`
 * (Prometheus and the Mimir / AMP rulers do not know it).
 */
export function histogramQuantileOver(
  quantile: number,
  bucketMetric: string,
  selector: string,
  by: readonly string[],
  window: string,
): string {
  if (!(quantile > 0 && quantile < 1)) throw new Error(`quantile must be between 0 and 1, got ${quantile}`);
  return `histogram_quantile(${quantile}, ${sumBy(['le', ...by], rate(bucketMetric, selector, window))})`;
}

/** Prometheus label names: what rules, matchers and group_by accept. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
