import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEnvironment, findWorkspaceRoot } from '@o11y/artifacts';
import { missingRunbooks, routeAlert, validateSnsTopicArn, type RuleGroup } from '@o11y/alerting';
import { sampleAppAlerts } from '@o11y/alerts-sample-app';
import type { PromQLAlertQuery } from '@o11y/environment';
import { awsEnvironment } from './environment.js';

const root = findWorkspaceRoot(import.meta.dirname);

describe('aws environment', () => {
  const { manifest, files } = buildEnvironment(awsEnvironment, root);
  const json = (path: string) => JSON.parse(files.get(path)!);

  it('targets an Amazon Managed Grafana 12.4 workspace found at publish time', () => {
    expect(manifest.grafana).toEqual({
      kind: 'amazon-managed-grafana',
      workspaceId: '${env:AMG_WORKSPACE_ID}',
      region: '${env:AWS_REGION}',
      version: '12.4',
    });
  });

  it('uses the Amazon Managed Prometheus plugin on Grafana 12, signed with the workspace role', () => {
    expect(json('grafana/datasources/amp.json')).toMatchObject({
      type: 'grafana-amazonprometheus-datasource',
      url: 'https://aps-workspaces.${env:AWS_REGION}.amazonaws.com/workspaces/${env:AMP_WORKSPACE_ID}/',
      jsonData: { sigV4Auth: true, sigV4AuthType: 'ec2_iam_role', sigV4Region: '${env:AWS_REGION}' },
    });
    expect(manifest.resources.find((r) => r.uid === 'amp')?.env).toEqual(['AMP_WORKSPACE_ID', 'AWS_REGION']);
  });

  it('points every Prometheus dashboard at the AMP plugin type', () => {
    for (const uid of ['envoy-proxy', 'eks-node-groups', 'prometheus-sample-app', 'metrics-pipeline']) {
      expect(json(`grafana/dashboards/${uid}.json`).templating.list[0]).toMatchObject({
        query: 'grafana-amazonprometheus-datasource',
        current: { value: 'amp' },
      });
    }
    expect(json('grafana/datasources/xray.json')).toMatchObject({
      type: 'grafana-x-ray-datasource',
      jsonData: { defaultRegion: '${env:AWS_REGION}' },
    });
  });

  it('alerts like the App Mesh recipe: downstream p90 latency above 5 ms for 1 m on AMP, routed to the SNS topic', () => {
    // given
    const group = json('grafana/alerting/rule-groups/envoy-downstream.json') as RuleGroup;
    const rule = group.rules!.find((r) => r.title === 'EnvoyDownstreamLatencyHigh')!;

    // then: the query, its threshold and duration
    expect(rule.data[0]).toMatchObject({
      datasourceUid: 'amp',
      model: {
        datasource: { type: 'grafana-amazonprometheus-datasource', uid: 'amp' },
        expr: 'histogram_quantile(0.9, sum by (le, namespace, service) (rate(envoy_http_downstream_rq_time_bucket{envoy_http_conn_manager_prefix="ingress"}[1m])))',
      },
    });
    expect(rule.data.find((d) => d.refId === rule.condition)!.model).toMatchObject({
      type: 'threshold',
      expression: 'A',
      conditions: [{ evaluator: { type: 'gt', params: [5] } }],
    });
    expect(rule.for).toBe('1m');

    // and: the policy tree sends it to the SNS contact point, whose topic is resolved at publish time
    const receivers = routeAlert(json('grafana/alerting/policies/policy-tree.json'), { ...rule.labels, alertname: rule.title });
    expect(receivers.map((r) => r.receiver)).toEqual(['Amazon SNS']);
    expect(json('grafana/alerting/contact-points/sns.json')).toMatchObject({
      type: 'sns',
      name: 'Amazon SNS',
      settings: { topic_arn: '${env:ALERTS_SNS_TOPIC_ARN}', sigv4: { region: '${env:AWS_REGION}' } },
    });
    expect(manifest.resources.find((r) => r.kind === 'contact-point' && r.uid === 'sns')?.env).toEqual([
      'ALERTS_SNS_TOPIC_ARN',
      'AWS_REGION',
    ]);
    expect(validateSnsTopicArn('arn:aws:sns:us-east-1:123456789012:notifications', { serviceManaged: true })).toHaveLength(1);
  });

  it('builds every alert set as Grafana-managed rule groups and no Prometheus rule files', () => {
    expect(manifest.resources.filter((r) => r.kind === 'alert-rule-group').map((r) => `${r.folder}/${r.uid}`)).toEqual([
      'o11y-service-mesh/envoy-downstream',
      'o11y-service-mesh/envoy-upstream',
      'o11y-kubernetes/kubernetes-apps',
      'o11y-kubernetes/kubernetes-nodes',
      'o11y/metrics-pipeline',
      'o11y-kubernetes/node-exporter',
      'o11y-applications/sample-app',
      'o11y-tracing/xray-services',
    ]);
    expect(manifest.resources.filter((r) => r.kind === 'prometheus-rules')).toEqual([]);
    // The apps team (sample app, X-Ray) is notified by email; platform warnings wait for business hours.
    const tree = json('grafana/alerting/policies/policy-tree.json');
    expect(routeAlert(tree, { team: 'apps', severity: 'warning' })[0]!.receiver).toBe('Email');
    expect(routeAlert(tree, { team: 'platform', severity: 'warning' })[0]).toMatchObject({
      receiver: 'Amazon SNS',
      muteTimings: ['outside-business-hours'],
    });
  });

  it('commits no account-specific value: no account id, workspace id or region in any artifact', () => {
    // Helm templates included: account values are install-time values; values.yaml holds the documentation examples,
    // and so do the k8s/ charts, synthesized here with no account configured (the metrics contract reads them).
    for (const [path, content] of [...files].filter(([p]) => !p.endsWith('/values.yaml') && !p.startsWith('k8s/'))) {
      expect(content, path).not.toMatch(/\b\d{12}\b|ws-[0-9a-f]{8}|g-[0-9a-f]{10}|(us|eu|ap)-(east|west|central|south|north)-\d/);
    }
  });
});

describe('aws build target', () => {
  it('declares every variable the charts read as an Nx input, so a changed value is never a cache hit', async () => {
    const { readFileSync } = await import('node:fs');
    const { AWS_CHART_CONFIG } = await import('./charts.js');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    // tools/nx-plugin makes each o11y.buildEnv variable an env input of the inferred build target.
    const inputs: string[] = pkg.o11y.buildEnv;
    expect(inputs).toEqual(expect.arrayContaining([...Object.values(AWS_CHART_CONFIG).map((c) => c.env), 'O11Y_STRICT_CONFIG']));
  });

  it('links every alert to a runbook that exists (docs/runbooks, or the mixin page upstream)', () => {
    expect(missingRunbooks(awsEnvironment.alerting!.alertSets, join(root, 'docs/runbooks'))).toEqual([]);
  });

  it('given sample-app alerts selecting a Service name the chart does not give, when built, then the metrics contract fails the build naming the rule', () => {
    // given the review's defect: the alerts select service="prometheus-sample-app-service", the chart's Service is prometheus-sample-app
    const alerting = awsEnvironment.alerting!;
    const current = alerting.alertSets.find((s) => s.name === 'sample-app')!;
    const datasource = (current.groups[0]!.rules[0]!.query as PromQLAlertQuery).datasource;
    const wrong = sampleAppAlerts({ datasource, targetSelector: 'namespace="prom-sample-app", service="prometheus-sample-app-service"' });
    const environment = {
      ...awsEnvironment,
      alerting: { ...alerting, alertSets: alerting.alertSets.map((s) => (s === current ? wrong : s)) },
    };

    // when / then
    expect(() => buildEnvironment(environment, root)).toThrow(
      'alert rule group sample-app rule SampleAppDown: up: no series has all of namespace="prom-sample-app", service="prometheus-sample-app-service"',
    );
  });
});
