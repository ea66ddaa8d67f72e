import type { DataSourceDefinition, EnvRef } from '@o11y/environment';

export interface LokiProps {
  /** @default 'loki' */
  readonly uid?: string;
  /** @default 'Loki' */
  readonly name?: string;
  readonly url: string | EnvRef;
  /** Tempo data source uid: trace ids in log lines link to the trace. */
  readonly tracesUid?: string;
  /** Regex with one group capturing the trace id in a log line. @default '"trace_?[iI][dD]":"(\\w+)"' */
  readonly traceIdPattern?: string;
  /** Tenant id sent as X-Scope-OrgID, from the environment at publish time. */
  readonly tenant?: EnvRef;
}

/** Grafana Loki, optionally linking trace ids in logs to Tempo. */
export function loki(props: LokiProps): DataSourceDefinition {
  const jsonData: Record<string, unknown> = { maxLines: 1000 };
  if (props.tracesUid) {
    jsonData.derivedFields = [
      {
        name: 'TraceID',
        matcherRegex: props.traceIdPattern ?? '"trace_?[iI][dD]":"(\\w+)"',
        datasourceUid: props.tracesUid,
        url: '${__value.raw}',
      },
    ];
  }
  if (props.tenant) jsonData.httpHeaderName1 = 'X-Scope-OrgID';
  return {
    uid: props.uid ?? 'loki',
    name: props.name ?? 'Loki',
    type: 'loki',
    access: 'proxy',
    url: props.url,
    jsonData,
    ...(props.tenant ? { secureJsonData: { httpHeaderValue1: props.tenant } } : {}),
  };
}
