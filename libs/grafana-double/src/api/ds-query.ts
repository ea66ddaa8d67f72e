import { fail, objectBody, str, type RequestContext, type Router } from '../http.js';
import { parsePromQuery, promAnswerToDataResponse, type DataResponseJson, type PromRequest } from '../promlib.js';
import { dataSourceForQuery, type QueryableDataSource } from './datasources.js';

/** Types whose queries the stand-in runs: Prometheus' HTTP API (SigV4 signing is not imitated). */
const PROMETHEUS_TYPES = new Set(['prometheus', 'grafana-amazonprometheus-datasource']);

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  M: 2_592_000_000,
  y: 31_536_000_000,
};

/** DataTimeRange: epoch milliseconds, or now / now-<n><unit>. */
function parseTime(value: unknown, now: number, field: string): number {
  const s = typeof value === 'number' ? String(value) : str(value);
  if (s === undefined || s === '') fail(400, 'bad request data', { error: `${field} is required` });
  if (/^\d+$/.test(s)) return Number(s);
  const rel = /^now(?:-(\d+)([smhdwMy]))?$/.exec(s);
  if (!rel) fail(400, 'bad request data', { error: `${field}: cannot parse "${s}"` });
  return rel[1] ? now - Number(rel[1]) * UNIT_MS[rel[2]!]! : now;
}

const int = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : fallback);

/** pkg/promlib client: form-encoded, POST unless the data source says GET. */
async function callPrometheus(
  ds: QueryableDataSource,
  path: string,
  params: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const form = new URLSearchParams(params);
  const base = ds.url.replace(/\/+$/, '');
  const method = str(ds.jsonData.httpMethod) === 'GET' ? 'GET' : 'POST';
  const res = await fetch(method === 'GET' ? `${base}${path}?${form}` : `${base}${path}`, {
    method,
    signal: AbortSignal.timeout(60_000),
    ...(method === 'POST' ? { body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: { status: 'error', errorType: 'server_error', error: `HTTP ${res.status}: ${text.slice(0, 120)}` } };
  }
}

const seconds = (ms: number) => String(ms / 1000);

/** querydata.fetch: the instant part, then the range part, frames appended, errors joined. */
async function runPromQuery(ds: QueryableDataSource, req: PromRequest): Promise<DataResponseJson> {
  const out: DataResponseJson = { status: 200, frames: [] };
  const parts: [boolean, string, Record<string, string>][] = [
    [req.instant, '/api/v1/query', { query: req.expr, time: seconds(req.timeMs) }],
    [
      req.range,
      '/api/v1/query_range',
      { query: req.expr, start: seconds(req.startMs), end: seconds(req.endMs), step: seconds(req.stepMs) },
    ],
  ];
  for (const [wanted, path, params] of parts) {
    if (!wanted) continue;
    let part: DataResponseJson;
    try {
      const { status, body } = await callPrometheus(ds, path, params);
      part = promAnswerToDataResponse(req, status, body as Parameters<typeof promAnswerToDataResponse>[2]);
    } catch (e) {
      part = { status: 502, error: (e as Error).message, frames: [] };
    }
    if (part.error) {
      out.error = out.error ? `${out.error} ${part.error}` : part.error;
      out.status = part.status;
      if (part.errorSource) out.errorSource = part.errorSource;
    } else if (!out.error) out.status = part.status;
    out.frames.push(...part.frames);
  }
  return out;
}

/** pkg/api/ds_query.go QueryMetricsV2 for Prometheus data sources, answered in Grafana's QueryDataResponse shape. */
async function queryMetrics(ctx: RequestContext) {
  const body = objectBody(ctx);
  const queries = Array.isArray(body.queries) ? (body.queries as unknown[]) : [];
  // pkg/services/query: ErrNoQueriesFound
  if (queries.length === 0) fail(400, 'No queries found');
  const now = Date.now();
  const fromMs = parseTime(body.from, now, 'from');
  const toMs = parseTime(body.to, now, 'to');

  const prepared = queries.map((raw) => {
    const q = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const ref = q.datasource;
    const uid = typeof ref === 'string' ? ref : str((ref as Record<string, unknown> | undefined)?.uid);
    if (!uid) fail(400, 'Query does not contain a valid data source identifier');
    const ds = dataSourceForQuery(ctx.db, uid) ?? fail(404, 'Data source not found');
    if (!ctx.version.plugins.includes(ds.type)) fail(404, 'Plugin not found');
    return { q, ds };
  });

  const results: Record<string, DataResponseJson> = {};
  for (const { q, ds } of prepared) {
    const refId = str(q.refId) ?? 'A';
    if (!PROMETHEUS_TYPES.has(ds.type)) {
      results[refId] = {
        status: 501,
        error: `grafana-double: the stand-in runs queries for Prometheus data sources only, not ${ds.type}`,
        frames: [],
      };
      continue;
    }
    try {
      const req = parsePromQuery(
        {
          refId,
          expr: str(q.expr) ?? '',
          range: q.range === true,
          instant: q.instant === true,
          interval: str(q.interval) ?? '',
          intervalMsModel: int(q.intervalMs, 0),
          queryIntervalMs: int(q.intervalMs, 1000),
          maxDataPoints: int(q.maxDataPoints, 100),
          intervalFactor: int(q.intervalFactor, 0),
          utcOffsetSec: int(q.utcOffsetSec, 0),
          legendFormat: str(q.legendFormat) ?? '',
        },
        fromMs,
        toMs,
        str(ds.jsonData.timeInterval) ?? '',
      );
      results[refId] = await runPromQuery(ds, req);
    } catch (e) {
      results[refId] = { status: 500, error: (e as Error).message, frames: [] };
    }
  }
  // toJsonStreamingResponse: any query error makes the whole answer 400
  const status = Object.values(results).some((r) => r.error) ? 400 : 200;
  return { status, body: { results } };
}

export function registerDsQueryRoutes(router: Router): void {
  router.addAsync('POST', '/api/ds/query', 'Viewer', queryMetrics, 'datasources:query');
}
