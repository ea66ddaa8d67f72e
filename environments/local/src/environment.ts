import { defineEnvironment, observabilityFolders, refOf } from '@o11y/environment';
import { loki, prometheus, tempo, xray } from '@o11y/datasources';
import { envoyDashboard } from '@o11y/dashboard-envoy';
import { eksDashboard } from '@o11y/dashboard-eks';
import { sampleAppDashboard } from '@o11y/dashboard-sample-app';
import { xrayDashboard } from '@o11y/dashboard-xray';
import { pipelineDashboard } from '@o11y/dashboard-pipeline';
import { emailContactPoint, standardMuteTimings, webhookContactPoint } from '@o11y/alerting';
import { envoyAlerts } from '@o11y/alerts-envoy';
import { eksAlerts } from '@o11y/alerts-eks';
import { pipelineAlerts } from '@o11y/alerts-pipeline';
import { sampleAppAlerts } from '@o11y/alerts-sample-app';
import { xrayAlerts } from '@o11y/alerts-xray';
import { LOCAL_ENDPOINTS } from './local-endpoints.js';
import { previewMetricsPipeline } from './preview-pipeline.js';

const metrics = prometheus({ url: LOCAL_ENDPOINTS.prometheus, isDefault: true });
const logs = loki({ url: LOCAL_ENDPOINTS.loki, tracesUid: 'tempo' });
const traces = tempo({ url: LOCAL_ENDPOINTS.tempo, logsUid: logs.uid, metricsUid: metrics.uid });
// Uses the developer's own AWS credentials (default chain); without them the X-Ray panels stay empty.
const xrayTraces = xray({ region: 'us-east-1', authType: 'default' });

// Each area placed with one set of overrides, read by its dashboard and its alerts alike.
const envoy = { datasource: refOf(metrics) };
// The preview's node-exporter listens on a free loopback port, not on 9100 as in a cluster.
const eks = { datasource: refOf(metrics), nodeExporterPortSuffix: ':[0-9]+', route: { receiver: 'Local email' } };
const sampleApp = { datasource: refOf(metrics) };
const xrayArea = { datasource: refOf(xrayTraces) };
// The preview's collector runs without its own metrics endpoint (telemetry level none): scrape health only.
const pipeline = { datasource: refOf(metrics), scrapers: [] };

const NO_KSM = 'the preview runs no kube-state-metrics (it needs a Kubernetes API server)';

/** A self-hosted Grafana on this machine with Prometheus, Loki and Tempo: what `npm run preview` starts. */
export const localEnvironment = defineEnvironment({
  name: 'local',
  source: import.meta.filename,
  grafana: { kind: 'self-hosted', url: LOCAL_ENDPOINTS.grafana, version: '12.4.2' },
  folders: observabilityFolders(),
  datasources: [metrics, logs, traces, xrayTraces],
  dashboards: [
    { folder: 'o11y-service-mesh', dashboard: envoyDashboard(envoy) },
    { folder: 'o11y-kubernetes', dashboard: eksDashboard(eks) },
    { folder: 'o11y-applications', dashboard: sampleAppDashboard(sampleApp) },
    { folder: 'o11y-tracing', dashboard: xrayDashboard(xrayArea) },
    { folder: 'o11y', dashboard: pipelineDashboard(pipeline) },
  ],
  // Checked by the metrics contract (libs/metrics-contract) against the preview collector's jobs.
  withoutSource: [
    { dashboard: 'eks-node-groups', panel: 'Nodes', why: NO_KSM },
    { dashboard: 'eks-node-groups', panel: 'Nodes not ready', why: NO_KSM },
    { dashboard: 'eks-node-groups', panel: 'Pods', why: NO_KSM },
    { dashboard: 'eks-node-groups', panel: 'Pods not running', why: NO_KSM },
    { dashboard: 'eks-node-groups', panel: 'Pods running vs not running', why: NO_KSM },
    { dashboard: 'eks-node-groups', panel: 'Node conditions', why: NO_KSM },
    { rule: 'KubeNodeNotReady', why: NO_KSM },
    { rule: 'KubePodCrashLooping', why: NO_KSM },
    { rule: 'KubePodNotReady', why: NO_KSM },
  ],
  // No charts: what feeds the local Prometheus is the preview's collector.
  metricsPipelines: () => [previewMetricsPipeline()],
  // Grafana evaluates every rule; notifications go to a webhook listener on this machine (any HTTP server on
  // :9094 that logs POST /alerts), the platform team's to an email address (needs SMTP in the local Grafana).
  alerting: {
    source: import.meta.filename,
    evaluation: 'grafana',
    contactPoints: [
      webhookContactPoint({ uid: 'local-webhook', name: 'Local webhook', url: LOCAL_ENDPOINTS.alertWebhook }),
      emailContactPoint({ uid: 'local-email', name: 'Local email', addresses: ['oncall@example.com'] }),
    ],
    policy: { receiver: 'Local webhook', groupWait: '10s', repeatInterval: '1h' },
    muteTimings: standardMuteTimings(),
    alertSets: [envoyAlerts(envoy), eksAlerts(eks), sampleAppAlerts(sampleApp), pipelineAlerts(pipeline), xrayAlerts(xrayArea)],
  },
});
