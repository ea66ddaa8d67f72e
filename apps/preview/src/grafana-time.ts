import { isGrafanaMacro, replaceVariableReferences } from '@o11y/grafana-model';
import { formatGoDuration, formatInterval, parseDuration as parsePrometheusDuration, roundInterval } from '@o11y/environment';
/**
 * Grafana's time arithmetic for Prometheus queries (pkg/promlib and @grafana/data rangeutil),
 * so a check runs the exact step and windows a dashboard would.
 */

/** A Prometheus/Grafana duration such as "15s", "1m30s" or "500ms", in ms. */
export function parseDuration(text: string): number {
  const seconds = parsePrometheusDuration(text.trim());
  if (seconds === undefined) throw new Error(`not a duration: "${text}"`);
  return Math.round(seconds * 1000);
}

/** The time range, step and macro values of one query, as Grafana computes them. */
export interface QueryTiming {
  /** Aligned to the step, like promlib's AlignTimeRange. */
  readonly startMs: number;
  readonly endMs: number;
  /** Unaligned dashboard range, for $__range and $__from / $__to. */
  readonly fromMs: number;
  readonly toMs: number;
  /** $__interval, also the range query step. */
  readonly intervalMs: number;
  /** $__rate_interval = max($__interval + scrape interval, 4 x scrape interval). */
  readonly rateIntervalMs: number;
}

export interface TimingInput {
  /** Dashboard time range: `rangeMs` before `nowMs` up to `nowMs`. */
  readonly nowMs: number;
  readonly rangeMs: number;
  /** The data source's "Scrape interval" setting (jsonData.timeInterval), Grafana's default 15s. */
  readonly scrapeIntervalMs: number;
  /** The panel's "Min interval", when set; it overrides the data source's scrape interval as the lower bound. */
  readonly minIntervalMs?: number;
  /** Panel maxDataPoints (Grafana defaults to the panel's width in pixels). */
  readonly maxDataPoints: number;
}

export function queryTiming(t: TimingInput): QueryTiming {
  const lowerBound = t.minIntervalMs ?? t.scrapeIntervalMs;
  const intervalMs = Math.max(roundInterval(t.rangeMs / t.maxDataPoints), lowerBound);
  const rateIntervalMs = Math.max(intervalMs + t.scrapeIntervalMs, 4 * t.scrapeIntervalMs);
  const fromMs = t.nowMs - t.rangeMs;
  const align = (ms: number) => Math.floor(ms / intervalMs) * intervalMs;
  return { startMs: align(fromMs), endMs: align(t.nowMs), fromMs, toMs: t.nowMs, intervalMs, rateIntervalMs };
}

/** The macros Grafana's Prometheus backend (promlib) substitutes; the frontend leaves them in the query it sends. */
export const BACKEND_MACROS: readonly string[] = [
  '__interval',
  '__interval_ms',
  '__rate_interval',
  '__rate_interval_ms',
  '__range',
  '__range_ms',
  '__range_s',
];

/**
 * Replaces Grafana's global macros as promlib does ($__interval, $__rate_interval, $__range and their
 * _ms / _s forms, braced or not) plus the frontend's $__from / $__to. `only` limits it to some of them.
 */
export function substituteMacros(expr: string, t: QueryTiming, only: (name: string) => boolean = () => true): string {
  const rangeMs = t.toMs - t.fromMs;
  const rangeS = Math.round(rangeMs / 1000);
  const values: Record<string, string> = {
    __interval_ms: String(t.intervalMs),
    __interval: formatInterval(t.intervalMs),
    __rate_interval_ms: String(t.rateIntervalMs),
    __rate_interval: formatGoDuration(t.rateIntervalMs),
    __range_ms: String(rangeMs),
    __range_s: String(rangeS),
    __range: `${rangeS}s`,
    __from: String(t.fromMs),
    __to: String(t.toMs),
  };
  return replaceVariableReferences(expr, ({ name, syntax, fieldPath, format }) =>
    syntax !== 'brackets' && fieldPath === undefined && format === undefined && isGrafanaMacro(name) && only(name)
      ? values[name]
      : undefined,
  );
}

/** What Grafana's frontend replaces before sending a query to /api/ds/query: $__from and $__to, not promlib's macros. */
export function substituteFrontendMacros(expr: string, t: QueryTiming): string {
  return substituteMacros(expr, t, (name) => !BACKEND_MACROS.includes(name));
}
