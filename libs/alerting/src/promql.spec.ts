import { describe, expect, it } from 'vitest';
import { comparisonExpr } from './promql.js';

describe('comparisonExpr', () => {
  it('parenthesises a query before comparing only where precedence needs it', () => {
    expect(comparisonExpr('1 - a / b', { op: 'gt', value: 0.9 })).toBe('1 - a / b > 0.9');
    expect(comparisonExpr('a and b > 0', { op: 'lt', value: 1 })).toBe('(a and b > 0) < 1');
  });
});
