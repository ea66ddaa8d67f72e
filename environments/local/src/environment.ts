import { defineEnvironment, observabilityFolders, refOf } from '@o11y/environment';
import { loki, prometheus, tempo, xray } from '@o11y/datasources';
import { envoyDashboard } from '@o11y/dashboard-envoy';
import { eksDashboard } from '@o11y/dashboard-eks';
import { sampleAppDashboard } from '@o11y/dashboard-sample-app';
import { xrayDashboard } from '@o11y/dashboard-xray';


const metrics = prometheus({ url: 'http://localhost:9090', isDefault: true });
const logs = loki({ url: 'http://localhost:3100', tracesUid: 'tempo' });
const traces = tempo({ url: 'http://localhost:3200', logsUid: logs.uid, metricsUid: metrics.uid });
// Uses the developer's own AWS credentials (default chain); without them the X-Ray panels stay empty.
const xrayTraces = xray({ region: 'us-east-1', authType: 'default' });

/** A self-hosted Grafana on this machine with Prometheus, Loki and Tempo: what `npm run preview` starts. */
export const localEnvironment = defineEnvironment({
  name: 'local',
  source: import.meta.filename,
  grafana: { kind: 'self-hosted', url: 'http://localhost:3000', version: '12.4.2' },
  folders: observabilityFolders(),
  datasources: [metrics, logs, traces, xrayTraces],
  dashboards: [
    { folder: 'o11y-service-mesh', dashboard: envoyDashboard({ datasource: refOf(metrics) }) },
    { folder: 'o11y-kubernetes', dashboard: eksDashboard({ datasource: refOf(metrics) }) },
    { folder: 'o11y-applications', dashboard: sampleAppDashboard({ datasource: refOf(metrics) }) },
    { folder: 'o11y-tracing', dashboard: xrayDashboard({ datasource: refOf(xrayTraces) }) },
  ],
});
