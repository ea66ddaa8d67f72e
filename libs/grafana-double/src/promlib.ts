/**
 * The stand-in's port of Grafana's Prometheus backend (pkg/promlib): how one /api/ds/query query becomes
 * a Prometheus request (step, aligned range, macros) and how the answer becomes data frames. Written from
 * the Go source, apart from the preview's emulation (only Grafana's interval table and formats are shared).
 */

import { formatGoDuration, formatInterval, roundInterval } from '@o11y/environment';

const MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 } as const;

/** gtime.ParseDuration / ParseIntervalStringToTimeDuration: "15s", "1m30s", "<15s>", a bare number is seconds. */
export function parseInterval(text: string): number {
  let s = text.replace('<', '').replace('>', '');
  if (/^\d+$/.test(s)) s += 's';
  let total = 0;
  let rest = s;
  while (rest.length > 0) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/.exec(rest);
    if (!m) throw new Error(`time: invalid duration "${text}"`);
    total += Number(m[1]) * MS[m[2] as keyof typeof MS];
    rest = rest.slice(m[0].length);
  }
  if (s.length === 0) throw new Error(`time: invalid duration "${text}"`);
  return total;
}

/** gtime.RoundInterval: Grafana's shared table, except that up to 10 ms rounds to 1 ms. */
export const roundIntervalGo = (ms: number): number => (ms <= 10 ? 1 : roundInterval(ms));

/** One query of an /api/ds/query request as the Prometheus backend reads it. */
export interface PromQueryModel {
  readonly refId: string;
  readonly expr: string;
  readonly range: boolean;
  readonly instant: boolean;
  /** The query's "Min step" (model.interval), possibly a macro. */
  readonly interval: string;
  /** model.IntervalMS (0 when absent) and the DataQuery interval (default 1000). */
  readonly intervalMsModel: number;
  readonly queryIntervalMs: number;
  readonly maxDataPoints: number;
  readonly intervalFactor: number;
  readonly utcOffsetSec: number;
  readonly legendFormat: string;
}

/** The Prometheus request promlib sends for one query. */
export interface PromRequest {
  readonly refId: string;
  readonly expr: string;
  readonly stepMs: number;
  /** Aligned to the step (AlignTimeRange), for range queries. */
  readonly startMs: number;
  readonly endMs: number;
  /** Unaligned end: instant queries run at it (grafana#69516). */
  readonly timeMs: number;
  readonly range: boolean;
  readonly instant: boolean;
  readonly legendFormat: string;
}

const RATE = ['$__rate_interval', '${__rate_interval}'];
const VARIABLE_INTERVALS = new Set([
  '$__interval',
  '$__interval_ms',
  '$__rate_interval',
  '$__rate_interval_ms',
  '${__interval}',
  '${__interval_ms}',
  '${__rate_interval}',
  '${__rate_interval_ms}',
]);

function rateIntervalMs(queryIntervalMs: number, scrape: string): number {
  const scrapeMs = parseInterval(scrape === '' ? '15s' : scrape);
  return Math.max(queryIntervalMs + scrapeMs, 4 * scrapeMs);
}

/** models.Parse: step from calculatePrometheusInterval, then the built-in macros in the expression. */
export function parsePromQuery(q: PromQueryModel, fromMs: number, toMs: number, dsScrapeInterval: string): PromRequest {
  // calculatePrometheusInterval
  const queryInterval = VARIABLE_INTERVALS.has(q.interval) ? '' : q.interval;
  let minMs: number;
  const own = queryInterval === '0s' ? '' : queryInterval;
  if (own === '' && q.intervalMsModel !== 0) minMs = q.intervalMsModel;
  else if (own !== '') minMs = parseInterval(own);
  else minMs = dsScrapeInterval !== '' ? parseInterval(dsScrapeInterval) : 15_000;
  const rangeMs = toMs - fromMs;
  const raw = Math.floor(rangeMs / (q.maxDataPoints || 1500));
  const calculated = raw < minMs ? minMs : roundIntervalGo(raw);
  const safe = roundIntervalGo(Math.floor(rangeMs / 11000));
  const adjusted = calculated > safe ? calculated : safe;
  const stepMs = RATE.includes(q.interval) ? rateIntervalMs(adjusted, dsScrapeInterval) : adjusted * (q.intervalFactor || 1);

  // interpolateVariables
  let requested = q.interval;
  let rateMs: number;
  if (RATE.includes(requested)) rateMs = stepMs;
  else {
    if (requested === '$__interval' || requested === '${__interval}') requested = formatGoDuration(stepMs);
    if (requested === '') requested = dsScrapeInterval;
    rateMs = rateIntervalMs(q.queryIntervalMs, requested);
  }
  const rangeS = Math.round(rangeMs / 1000);
  const values: [string, string][] = [
    ['__interval_ms', String(stepMs)],
    ['__interval', formatInterval(stepMs)],
    ['__range_ms', String(rangeMs)],
    ['__range_s', String(rangeS)],
    ['__range', `${rangeS}s`],
    ['__rate_interval_ms', String(rateMs)],
    ['__rate_interval', formatGoDuration(rateMs)],
  ];
  // In promlib's order: every bare $name first, then every ${name}.
  let expr = q.expr;
  for (const spell of [(n: string) => `$${n}`, (n: string) => `\${${n}}`])
    for (const [name, value] of values) expr = expr.split(spell(name)).join(value);

  // Older dashboards set neither: run as a range query.
  const range = q.range || !q.instant;
  const offsetMs = q.utcOffsetSec * 1000;
  const align = (t: number) => Math.floor((t + offsetMs) / stepMs) * stepMs - offsetMs;
  return {
    refId: q.refId,
    expr,
    stepMs,
    startMs: align(fromMs),
    endMs: align(toMs),
    timeMs: toMs,
    range,
    instant: q.instant,
    legendFormat: q.legendFormat,
  };
}

/** A data frame in Grafana's JSON wire shape (schema + data.values, NaN/±Inf as null plus entities). */
export interface DataFrameJson {
  schema: { name?: string; meta: Record<string, unknown>; fields: Record<string, unknown>[] };
  data: { values: unknown[][]; entities?: (Record<string, number[]> | null)[] };
}

export interface DataResponseJson {
  status: number;
  frames: DataFrameJson[];
  error?: string;
  errorSource?: string;
}

interface PromSeries {
  metric?: Record<string, string>;
  value?: [number, string];
  values?: [number, string][];
}

interface PromBody {
  status?: string;
  error?: string;
  errorType?: string;
  data?: { resultType?: string; result?: unknown };
}

const timeField = (stepMs: number) => ({ name: 'Time', type: 'time', typeInfo: { frame: 'time.Time' }, config: { interval: stepMs } });

/** querydata/response.go getName: the legend, else the metric and labels, else the expression. */
function frameName(req: PromRequest, labels: Record<string, string>): string {
  let legend: string;
  const names = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort();
  const metric = labels.__name__ ?? '';
  if (names.length === 0) legend = metric || '{}';
  else legend = `${metric}{${names.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
  if (req.legendFormat === '__auto') {
    if (Object.keys(labels).length > 0) legend = '';
  } else if (req.legendFormat !== '') {
    legend = req.legendFormat.replace(/\{\{\s*(.+?)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
  }
  return legend === '{}' ? req.expr : legend;
}

function numberColumn(values: string[]): { column: (number | null)[]; entities: Record<string, number[]> | null } {
  const entities: Record<string, number[]> = {};
  const column = values.map((v, i) => {
    // Go's ParseFloat reads "+Inf" / "-Inf" / "NaN", which Number() does not all accept.
    const n = /^\+?Inf$/i.test(v) ? Infinity : /^-Inf$/i.test(v) ? -Infinity : Number(v);
    if (Number.isFinite(n)) return n;
    const key = Number.isNaN(n) ? 'NaN' : n > 0 ? 'Inf' : 'NegInf';
    (entities[key] ??= []).push(i);
    return null;
  });
  return { column, entities: Object.keys(entities).length ? entities : null };
}

/** converter.ReadPrometheusStyleResult + parseResponse: one frame per series, an empty frame when none. */
export function promAnswerToDataResponse(req: PromRequest, httpStatus: number, body: PromBody): DataResponseJson {
  const meta = (resultType?: string) => ({
    type: 'timeseries-multi',
    typeVersion: [0, 0],
    ...(resultType ? { custom: { resultType } } : {}),
  });
  if (body.status === 'error') {
    return {
      status: httpStatus,
      error: `${body.errorType ?? ''}: ${body.error ?? ''}`,
      errorSource: 'downstream',
      frames: [{ schema: { meta: { typeVersion: [0, 0], executedQueryString: executed(req) }, fields: [] }, data: { values: [] } }],
    };
  }
  const resultType = body.data?.resultType;
  const frames: DataFrameJson[] = [];
  if (resultType === 'matrix' || resultType === 'vector') {
    for (const s of (body.data?.result ?? []) as PromSeries[]) {
      const pairs = s.values ?? (s.value ? [s.value] : []);
      const labels = s.metric ?? {};
      const { column, entities } = numberColumn(pairs.map((p) => p[1]));
      const name = frameName(req, labels);
      frames.push({
        schema: {
          ...(name ? { name } : {}),
          meta: meta(resultType),
          fields: [
            timeField(req.stepMs),
            {
              name: 'Value',
              type: 'number',
              typeInfo: { frame: 'float64' },
              labels,
              ...(name ? { config: { displayNameFromDS: name } } : {}),
            },
          ],
        },
        data: { values: [pairs.map((p) => Math.trunc(p[0] * 1000)), column], ...(entities ? { entities: [null, entities] } : {}) },
      });
    }
  } else if (resultType === 'scalar' || resultType === 'string') {
    const [t, v] = body.data!.result as [number, string];
    const scalar = resultType === 'scalar';
    const { column, entities } = scalar ? numberColumn([v]) : { column: [v], entities: null };
    frames.push({
      schema: {
        meta: { ...meta(resultType), ...(scalar ? { type: 'numeric-multi' } : {}) },
        fields: [
          { name: 'Time', type: 'time', typeInfo: { frame: 'time.Time' } },
          { name: 'Value', type: scalar ? 'number' : 'string', typeInfo: { frame: scalar ? 'float64' : 'string' }, labels: {} },
        ],
      },
      data: { values: [[Math.trunc(t * 1000)], column], ...(entities ? { entities: [null, entities] } : {}) },
    });
  } else {
    return { status: httpStatus, error: `unknown result type: ${String(resultType)}`, frames: [] };
  }
  // "Add frame to attach metadata"
  if (frames.length === 0) frames.push({ schema: { meta: { typeVersion: [0, 0] }, fields: [] }, data: { values: [] } });
  frames[0]!.schema.meta.executedQueryString = executed(req);
  return { status: httpStatus, frames };
}

function executed(req: PromRequest): string {
  return `Expr: ${req.expr}\nStep: ${formatGoDuration(req.stepMs)}`;
}
