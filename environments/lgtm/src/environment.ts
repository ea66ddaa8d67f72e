import { defineEnvironment, fromEnv, observabilityFolders, refOf } from '@o11y/environment';
import { loki, mimir, tempo } from '@o11y/datasources';
import { envoyDashboard } from '@o11y/dashboard-envoy';
import { eksDashboard } from '@o11y/dashboard-eks';
import { lgtmCharts } from '@o11y/k8s';

// In-cluster addresses of the LGTM stack this environment's charts deploy (single-binary mode).
const metrics = mimir({ url: 'http://mimir-gateway.mimir.svc.cluster.local/prometheus', isDefault: true });
const logs = loki({ url: 'http://loki-gateway.loki.svc.cluster.local', tracesUid: 'tempo' });
const traces = tempo({ url: 'http://tempo.tempo.svc.cluster.local:3200', logsUid: logs.uid, metricsUid: metrics.uid });

/** The self-hosted LGTM stack on EKS (Loki, Grafana, Tempo, Mimir) fed by Grafana Alloy. */
export const lgtmEnvironment = defineEnvironment({
  name: 'lgtm',
  source: import.meta.filename,
  // The stack's own Grafana, reached through a port-forward or ingress when publishing.
  grafana: { kind: 'self-hosted', url: fromEnv('LGTM_GRAFANA_URL'), version: '12.4.2' },
  folders: observabilityFolders(),
  datasources: [metrics, logs, traces],
  dashboards: [
    { folder: 'o11y-service-mesh', dashboard: envoyDashboard({ datasource: refOf(metrics) }) },
    { folder: 'o11y-kubernetes', dashboard: eksDashboard({ datasource: refOf(metrics) }) },
  ],
  // The stack itself (Argo CD Applications), Grafana Alloy and the exporters.
  charts: () => lgtmCharts({ source: 'environments/lgtm/src/environment.ts' }),
});
