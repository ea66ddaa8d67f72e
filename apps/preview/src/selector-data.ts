import { parser } from '@prometheus-io/lezer-promql';
import { seriesWithData, type PrometheusApi } from './prometheus-api.js';

/** The series selectors of a PromQL expression (`up{job="x"}`, the `x` of `rate(x[5m])`), each once, in order. */
export function vectorSelectors(expr: string): string[] {
  const out: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.name !== 'VectorSelector') return;
      const text = expr.slice(node.from, node.to).trim();
      if (!out.includes(text)) out.push(text);
      return false;
    },
  });
  return out;
}

/** How many series one selector of a query matched. */
export interface SelectorData {
  readonly selector: string;
  readonly series: number;
  readonly error?: string;
}

/** Series each selector of `expr` has with a sample in the `windowMs` before `atMs`: which part of a query is unfed. */
export async function selectorData(api: PrometheusApi, expr: string, atMs: number, windowMs: number): Promise<SelectorData[]> {
  const window = `${Math.max(1, Math.round(windowMs / 1000))}s`;
  return Promise.all(
    vectorSelectors(expr).map(async (selector) => {
      try {
        return { selector, series: seriesWithData(await api.query(`last_over_time(${selector}[${window}])`, atMs)) };
      } catch (e) {
        return { selector, series: 0, error: (e as Error).message };
      }
    }),
  );
}
