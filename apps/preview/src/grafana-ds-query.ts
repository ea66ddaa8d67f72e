import { authFromEnv, GrafanaClient, GrafanaHttpError } from '@o11y/publish';

/** One query of a `POST /api/ds/query` request, as Grafana's Prometheus frontend sends it (pkg/api/dtos MetricRequest). */
export interface DsQuery {
  readonly refId: string;
  readonly datasource: { readonly uid: string; readonly type: string };
  /** Dashboard variables already replaced; $__interval, $__rate_interval and $__range left for Grafana. */
  readonly expr: string;
  readonly range: boolean;
  readonly instant: boolean;
  /** The frontend's interval: range / maxDataPoints, at least the panel's or data source's minimum. */
  readonly intervalMs: number;
  readonly maxDataPoints: number;
  /** The query's own "Min step", when it sets one. */
  readonly interval?: string;
  readonly legendFormat?: string;
  readonly format?: string;
  readonly utcOffsetSec: number;
  readonly exemplar: false;
}

export interface DsQueryRequest {
  /** Epoch milliseconds, as strings. */
  readonly from: string;
  readonly to: string;
  readonly queries: readonly DsQuery[];
}

/** A data frame in Grafana's JSON wire shape: field types in the schema, columns in data.values. */
export interface DataFrameJson {
  readonly schema?: { readonly fields?: readonly { readonly type?: string }[]; readonly meta?: { readonly executedQueryString?: string } };
  readonly data?: { readonly values?: readonly (readonly unknown[])[] };
}

/** `results[refId]` of the answer (backend.DataResponse). */
export interface DsQueryResult {
  readonly status?: number;
  readonly error?: string;
  readonly frames?: readonly DataFrameJson[];
}

export interface GrafanaQueryApi {
  readonly url: string;
  /** One request; per-query errors come back in their result (Grafana answers 400 with the results). */
  query(request: DsQueryRequest): Promise<Readonly<Record<string, DsQueryResult>>>;
  close(): Promise<void>;
}

/** A client for a Grafana's /api/ds/query with the publisher's credentials (GRAFANA_TOKEN or GRAFANA_USER/PASSWORD). */
export function grafanaQueryApi(url: string, env: Readonly<Record<string, string | undefined>>): GrafanaQueryApi {
  const client = new GrafanaClient({ url, auth: authFromEnv(env), timeoutMs: 60_000, errorPrefix: 'panel check' });
  return {
    url,
    async query(request) {
      let answer: { results?: Record<string, DsQueryResult> } | undefined;
      try {
        answer = await client.send('POST', '/api/ds/query', { body: request, what: '/api/ds/query' });
      } catch (e) {
        // toJsonStreamingResponse: a query error makes the whole answer 400, the results still in the body.
        if (!(e instanceof GrafanaHttpError && e.status === 400)) throw e;
        answer = JSON.parse(e.body) as typeof answer;
        if (!answer?.results) throw e;
      }
      return answer?.results ?? {};
    },
    close: () => client.close(),
  };
}

/** Frames a panel can draw: at least one finite number in a number field (NaN and ±Inf arrive as null). */
export function framesWithData(frames: readonly DataFrameJson[] | undefined): number {
  return (frames ?? []).filter((frame) => {
    const fields = frame.schema?.fields ?? [];
    return (frame.data?.values ?? []).some(
      (column, i) => fields[i]?.type === 'number' && column.some((v) => typeof v === 'number' && Number.isFinite(v)),
    );
  }).length;
}
