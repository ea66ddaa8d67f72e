import { parseDuration as parsePrometheusDuration } from '@o11y/environment';
/**
 * Grafana's time arithmetic for Prometheus queries (pkg/promlib and @grafana/data rangeutil),
 * so a check runs the exact step and windows a dashboard would.
 */

/** Grafana's interval rounding table: an interval in ms to the nearest "nice" one. */
export function roundInterval(ms: number): number {
  const table: readonly [below: number, nice: number][] = [
    [15, 10],
    [35, 20],
    [75, 50],
    [150, 100],
    [350, 200],
    [750, 500],
    [1500, 1000],
    [3500, 2000],
    [7500, 5000],
    [12500, 10000],
    [17500, 15000],
    [25000, 20000],
    [45000, 30000],
    [90000, 60000],
    [210000, 120000],
    [450000, 300000],
    [750000, 600000],
    [1050000, 900000],
    [1500000, 1200000],
    [2700000, 1800000],
    [5400000, 3600000],
    [9000000, 7200000],
    [16200000, 10800000],
    [32400000, 21600000],
    [86400000, 43200000],
    [604800000, 86400000],
    [1814400000, 604800000],
    [3628800000, 2592000000],
  ];
  for (const [below, nice] of table) if (ms < below) return nice;
  return 31536000000;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** A Prometheus/Grafana duration such as "15s", "1m30s" or "500ms", in ms. */
export function parseDuration(text: string): number {
  const seconds = parsePrometheusDuration(text.trim());
  if (seconds === undefined) throw new Error(`not a duration: "${text}"`);
  return Math.round(seconds * 1000);
}

/** How Grafana writes $__interval: the largest whole unit (gtime.FormatInterval). */
export function formatInterval(ms: number): string {
  for (const unit of ['y', 'd', 'h', 'm', 's', 'ms'] as const) {
    if (ms >= UNIT_MS[unit]!) return `${Math.floor(ms / UNIT_MS[unit]!)}${unit}`;
  }
  return '1ms';
}

/** How Grafana writes $__rate_interval: Go's time.Duration.String ("4s", "1m0s", "1.5s", "500ms"). */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  const s = `${Number(seconds.toFixed(3))}s`;
  if (hours > 0) return `${hours}h${minutes}m${s}`;
  if (minutes > 0) return `${minutes}m${s}`;
  return s;
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
  return expr.replace(/\$\{(__\w+)\}|\$(__\w+)/g, (match, braced?: string, bare?: string) => {
    const name = (braced ?? bare)!;
    return only(name) ? (values[name] ?? match) : match;
  });
}

/** What Grafana's frontend replaces before sending a query to /api/ds/query: $__from and $__to, not promlib's macros. */
export function substituteFrontendMacros(expr: string, t: QueryTiming): string {
  return substituteMacros(expr, t, (name) => !BACKEND_MACROS.includes(name));
}
