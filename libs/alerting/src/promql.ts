import { parser } from '@prometheus-io/lezer-promql';
import type { Threshold } from '@o11y/environment';

const ARITHMETIC = new Set(['Add', 'Sub', 'Mul', 'Div', 'Mod', 'Pow', 'Atan2']);

/** `expr > value` / `expr < value`, parenthesising only where precedence needs it (and/or/unless, comparisons). */
export function comparisonExpr(expr: string, threshold: Threshold): string {
  const top = parser.parse(expr).topNode.firstChild;
  const operator = top?.name === 'BinaryExpr' ? top.firstChild?.nextSibling?.name : undefined;
  const operand = operator !== undefined && !ARITHMETIC.has(operator) ? `(${expr})` : expr;
  return `${operand} ${threshold.op === 'gt' ? '>' : '<'} ${threshold.value}`;
}

/** Prometheus label names: what rules, matchers and group_by accept. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
