import { defineEnvironment, fromEnv, observabilityFolders, refOf } from '@o11y/environment';
import { loki, mimir, tempo } from '@o11y/datasources';
import { envoyDashboard } from '@o11y/dashboard-envoy';
import { eksDashboard } from '@o11y/dashboard-eks';
import { pipelineDashboard } from '@o11y/dashboard-pipeline';
import { emailContactPoint, standardMuteTimings } from '@o11y/alerting';
import { envoyAlerts } from '@o11y/alerts-envoy';
import { eksAlerts } from '@o11y/alerts-eks';
import { pipelineAlerts } from '@o11y/alerts-pipeline';
import { lgtmCharts, lgtmHelmCharts, readLgtmMode } from './charts.js';
import { lgtmEndpoints } from './lgtm-stack.js';

const SOURCE = 'environments/lgtm/src/environment.ts';
// One mode for the charts and the data sources, so Grafana reads the services the charts deploy; the build
// names this file when the mode is wrong.
const mode = readLgtmMode(process.env);
const stack = lgtmEndpoints(mode);

const metrics = mimir({ url: stack.mimirQueryUrl, isDefault: true });
const logs = loki({ url: stack.lokiQueryUrl, tracesUid: 'tempo' });
const traces = tempo({ url: stack.tempoQueryUrl, logsUid: logs.uid, metricsUid: metrics.uid });

// Each area placed with one set of overrides, read by its dashboard and its alerts alike.
const envoy = { datasource: refOf(metrics) };
const eks = { datasource: refOf(metrics) };
// Grafana Alloy scrapes and remote-writes here (and scrapes itself through its prometheus.io annotations).
const pipeline = { datasource: refOf(metrics), scrapers: ['alloy' as const] };

/** The self-hosted LGTM stack on EKS (Loki, Grafana, Tempo, Mimir) fed by Grafana Alloy. */
export const lgtmEnvironment = defineEnvironment({
  name: 'lgtm',
  source: import.meta.filename,
  // The stack's own Grafana, reached through a port-forward or ingress when publishing.
  grafana: { kind: 'self-hosted', url: fromEnv('LGTM_GRAFANA_URL'), version: '12.4.2' },
  folders: observabilityFolders(),
  datasources: [metrics, logs, traces],
  dashboards: [
    { folder: 'o11y-service-mesh', dashboard: envoyDashboard(envoy) },
    { folder: 'o11y-kubernetes', dashboard: eksDashboard(eks) },
    { folder: 'o11y', dashboard: pipelineDashboard(pipeline) },
  ],
  // The stack itself (Argo CD Applications), Grafana Alloy and the exporters.
  charts: () => lgtmCharts({ mode, source: SOURCE }),
  helmCharts: () => lgtmHelmCharts({ mode, source: SOURCE }),
  // Mimir's ruler evaluates the PromQL rules (dist/lgtm/rules/*.yaml, loaded with `mimirtool rules load`);
  // Grafana keeps contact points, policy and any rule Mimir cannot evaluate.
  alerting: {
    source: import.meta.filename,
    evaluation: 'prometheus',
    contactPoints: [emailContactPoint({ addresses: fromEnv('ALERTS_EMAIL_ADDRESSES') })],
    policy: { receiver: 'Email' },
    muteTimings: standardMuteTimings(),
    alertSets: [envoyAlerts(envoy), eksAlerts(eks), pipelineAlerts(pipeline)],
  },
});
