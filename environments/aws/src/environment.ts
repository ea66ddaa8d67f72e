import { defineEnvironment, observabilityFolders, fromEnv, refOf, type ManagedGrafana } from '@o11y/environment';
import { amazonManagedPrometheus, xray } from '@o11y/datasources';
import { envoyDashboard } from '@o11y/dashboard-envoy';
import { eksDashboard } from '@o11y/dashboard-eks';
import { sampleAppDashboard } from '@o11y/dashboard-sample-app';
import { xrayDashboard } from '@o11y/dashboard-xray';
import { pipelineDashboard } from '@o11y/dashboard-pipeline';
import { emailContactPoint, snsContactPoint, standardMuteTimings } from '@o11y/alerting';
import { envoyAlerts } from '@o11y/alerts-envoy';
import { eksAlerts } from '@o11y/alerts-eks';
import { pipelineAlerts } from '@o11y/alerts-pipeline';
import { sampleAppAlerts } from '@o11y/alerts-sample-app';
import { xrayAlerts } from '@o11y/alerts-xray';
import { awsCharts, awsHelmCharts } from './charts.js';

// Account-specific values are read when publishing, so nothing about an AWS account is committed or built in.
const region = fromEnv('AWS_REGION');
/** The AMG workspace, Grafana 12.4 (AMG has no 11.x); the data sources read its version from here. */
const grafana: ManagedGrafana = { kind: 'amazon-managed-grafana', workspaceId: fromEnv('AMG_WORKSPACE_ID'), region, version: '12.4' };

const metrics = amazonManagedPrometheus({ region, workspaceId: fromEnv('AMP_WORKSPACE_ID'), grafana });
const traces = xray({ region });

// Each area placed with one set of overrides, read by its dashboard and its alerts alike.
const envoy = { datasource: refOf(metrics) };
const eks = { datasource: refOf(metrics), route: { warningMuteTimings: ['outside-business-hours'] } };
const sampleApp = { datasource: refOf(metrics), route: { receiver: 'Email' } };
const xrayArea = { datasource: refOf(traces), route: { receiver: 'Email' } };
// ADOT scrapes and remote-writes here; its own metrics come through the annotated-Service job (service adot-metrics).
const pipeline = { datasource: refOf(metrics), scrapers: ['otel-collector' as const] };

/** Amazon Managed Grafana with Amazon Managed Prometheus and X-Ray: the recipes' target. */
export const awsEnvironment = defineEnvironment({
  name: 'aws',
  source: import.meta.filename,
  grafana,
  folders: observabilityFolders(),
  datasources: [metrics, traces],
  dashboards: [
    { folder: 'o11y-service-mesh', dashboard: envoyDashboard(envoy) },
    { folder: 'o11y-kubernetes', dashboard: eksDashboard(eks) },
    { folder: 'o11y-applications', dashboard: sampleAppDashboard(sampleApp) },
    { folder: 'o11y-tracing', dashboard: xrayDashboard(xrayArea) },
    { folder: 'o11y', dashboard: pipelineDashboard(pipeline) },
  ],
  // Checked by the metrics contract (libs/metrics-contract); each entry is a defect of issue #17 to fix, then remove.
  // The in-cluster half: ADOT to AMP, ADOT to X-Ray, exporters and the sample workloads.
  charts: () => awsCharts(),
  helmCharts: () => awsHelmCharts(),
  // The recipe's setup: Grafana-managed rules notifying an SNS topic through the workspace's service-managed
  // role, so the topic name must start with "grafana"; the publisher checks the ARN once it is resolved.
  alerting: {
    source: import.meta.filename,
    evaluation: 'grafana',
    contactPoints: [
      snsContactPoint({ topicArn: fromEnv('ALERTS_SNS_TOPIC_ARN'), region }),
      emailContactPoint({ addresses: fromEnv('ALERTS_EMAIL_ADDRESSES') }),
    ],
    policy: { receiver: 'Amazon SNS' },
    muteTimings: standardMuteTimings(),
    alertSets: [envoyAlerts(envoy), eksAlerts(eks), sampleAppAlerts(sampleApp), pipelineAlerts(pipeline), xrayAlerts(xrayArea)],
  },
});
