import type { DataSourceDefinition, EnvRef } from '@o11y/environment';

export interface TempoProps {
  /** @default 'tempo' */
  readonly uid?: string;
  /** @default 'Tempo' */
  readonly name?: string;
  readonly url: string | EnvRef;
  /** Loki data source uid for trace-to-logs. */
  readonly logsUid?: string;
  /** Prometheus/Mimir data source uid holding Tempo's span metrics, for the service map. */
  readonly metricsUid?: string;
}

/** Grafana Tempo with trace-to-logs (Loki) and the service map (Prometheus). */
export function tempo(props: TempoProps): DataSourceDefinition {
  const jsonData: Record<string, unknown> = { nodeGraph: { enabled: true }, search: { hide: false } };
  if (props.logsUid) {
    jsonData.tracesToLogsV2 = {
      datasourceUid: props.logsUid,
      spanStartTimeShift: '-5m',
      spanEndTimeShift: '5m',
      filterByTraceID: true,
      filterBySpanID: false,
      tags: [{ key: 'service.name', value: 'service_name' }],
    };
    jsonData.lokiSearch = { datasourceUid: props.logsUid };
  }
  if (props.metricsUid) jsonData.serviceMap = { datasourceUid: props.metricsUid };
  return { uid: props.uid ?? 'tempo', name: props.name ?? 'Tempo', type: 'tempo', access: 'proxy', url: props.url, jsonData };
}
