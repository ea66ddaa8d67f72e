/** The few Prometheus HTTP API calls Grafana's Prometheus data source makes, as a small typed client. */

export interface Series {
  readonly metric: Record<string, string>;
  /** [unix seconds, value] pairs; instant queries have one. */
  readonly values: readonly (readonly [number, string])[];
}

export class PrometheusApiError extends Error {}

export interface PrometheusApi {
  readonly url: string;
  /** Instant query at `timeMs`. Scalars and strings come back as one series without labels. */
  query(expr: string, timeMs: number): Promise<Series[]>;
  queryRange(expr: string, startMs: number, endMs: number, stepMs: number): Promise<Series[]>;
  /** Values of `label`, optionally only on series matching `match`, within the time range. */
  labelValues(label: string, match: string | undefined, startMs: number, endMs: number): Promise<string[]>;
  labelNames(match: string | undefined, startMs: number, endMs: number): Promise<string[]>;
}

const seconds = (ms: number) => String(ms / 1000);

/** A client for `baseUrl`; queries are POSTed as form data, as Grafana does with httpMethod POST. */
export function prometheusApi(baseUrl: string, timeoutMs = 10_000): PrometheusApi {
  const url = baseUrl.replace(/\/+$/, '');
  const call = async (path: string, params: Record<string, string | undefined>, method: 'GET' | 'POST') => {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) form.append(k, v);
    const target = method === 'GET' ? `${url}${path}?${form}` : `${url}${path}`;
    const res = await fetch(target, {
      method,
      signal: AbortSignal.timeout(timeoutMs),
      ...(method === 'POST' ? { body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } } : {}),
    });
    const body = (await res.json().catch(() => undefined)) as { status?: string; data?: unknown; error?: string } | undefined;
    if (!res.ok || body?.status !== 'success')
      throw new PrometheusApiError(`${path}: HTTP ${res.status}${body?.error ? `: ${body.error}` : ''}`);
    return body.data;
  };
  return {
    url,
    async query(expr, timeMs) {
      const data = (await call('/api/v1/query', { query: expr, time: seconds(timeMs) }, 'POST')) as { resultType: string; result: unknown };
      if (data.resultType === 'vector') {
        return (data.result as { metric: Record<string, string>; value: [number, string] }[]).map((r) => ({
          metric: r.metric,
          values: [r.value],
        }));
      }
      if (data.resultType === 'matrix') return data.result as Series[];
      return [{ metric: {}, values: [data.result as [number, string]] }];
    },
    async queryRange(expr, startMs, endMs, stepMs) {
      const data = (await call(
        '/api/v1/query_range',
        { query: expr, start: seconds(startMs), end: seconds(endMs), step: seconds(stepMs) },
        'POST',
      )) as {
        result: Series[];
      };
      return data.result;
    },
    async labelValues(label, match, startMs, endMs) {
      return (await call(
        `/api/v1/label/${encodeURIComponent(label)}/values`,
        { 'match[]': match, start: seconds(startMs), end: seconds(endMs) },
        'GET',
      )) as string[];
    },
    async labelNames(match, startMs, endMs) {
      return (await call('/api/v1/labels', { 'match[]': match, start: seconds(startMs), end: seconds(endMs) }, 'GET')) as string[];
    },
  };
}

/** Series with at least one finite value: what a panel can draw (NaN and ±Inf draw nothing useful). */
export function seriesWithData(series: readonly Series[]): number {
  return series.filter((s) => s.values.some(([, v]) => Number.isFinite(Number(v)))).length;
}
