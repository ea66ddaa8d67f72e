import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileAlerting,
  dashboardPanelId,
  prometheusRuleFiles,
  promtoolCheckAndTest,
  promtoolCoverageGaps,
  promtoolTestFiles,
  routeAlert,
  snsContactPoint,
  type RuleGroup,
} from '@o11y/alerting';
import { envoyDashboard } from '@o11y/dashboard-envoy';
import { fromEnv, observabilityFolders, type EnvironmentDefinition } from '@o11y/environment';
import { envoyAlerts } from './rules.js';

const RECIPE_QUERY =
  'histogram_quantile(0.9, sum by (le, namespace, service) (rate(envoy_http_downstream_rq_time_bucket{envoy_http_conn_manager_prefix="ingress"}[1m])))';

// An AMG environment like the recipe's: Prometheus-compatible data source, the Envoy dashboard, an SNS topic.
const env: EnvironmentDefinition = {
  name: 'test',
  source: '/repo/environments/test/src/environment.ts',
  grafana: { kind: 'amazon-managed-grafana', workspaceId: fromEnv('AMG_WORKSPACE_ID'), region: fromEnv('AWS_REGION'), version: '12.4' },
  folders: observabilityFolders(),
  datasources: [{ uid: 'prometheus', name: 'Prometheus', type: 'prometheus', access: 'proxy', url: 'http://p', jsonData: {} }],
  dashboards: [{ folder: 'o11y-service-mesh', dashboard: envoyDashboard() }],
};
const compile = (set = envoyAlerts()) =>
  compileAlerting(
    {
      source: env.source,
      alertSets: [set],
      contactPoints: [snsContactPoint({ topicArn: fromEnv('ALERTS_SNS_TOPIC_ARN'), region: fromEnv('AWS_REGION') })],
      policy: { receiver: 'Amazon SNS' },
    },
    env,
  );
const ruleGroup = (artifacts: ReturnType<typeof compile>, name: string) =>
  artifacts.resources.find((r) => r.kind === 'alert-rule-group' && r.uid === name)!.body as unknown as RuleGroup;

describe('envoy alerts', () => {
  it('defines the recipe alert exactly: p90 downstream latency above 5 ms for 1 m', () => {
    // when
    const artifacts = compile();
    const rule = ruleGroup(artifacts, 'envoy-downstream').rules!.find((r) => r.title === 'EnvoyDownstreamLatencyHigh')!;

    // then: the query is the dashboard's latency without variables, compared with 5 (ms) by a threshold expression
    expect(artifacts.problems).toEqual([]);
    expect(rule.data[0]).toMatchObject({ refId: 'A', datasourceUid: 'prometheus', model: { expr: RECIPE_QUERY, instant: true } });
    expect(rule.condition).toBe('C');
    expect(rule.data[1]).toMatchObject({
      refId: 'C',
      datasourceUid: '__expr__',
      model: { type: 'threshold', expression: 'A', conditions: [{ evaluator: { type: 'gt', params: [5] } }] },
    });
    expect(rule).toMatchObject({
      for: '1m',
      folderUID: 'o11y-service-mesh',
      ruleGroup: 'envoy-downstream',
      noDataState: 'OK',
      execErrState: 'Error',
    });
    expect(rule.labels).toEqual({ team: 'mesh', severity: 'warning' });
    const latencyPanel = dashboardPanelId(envoyDashboard().model, 'Downstream latency');
    expect(latencyPanel).toBeGreaterThan(0);
    expect(rule.annotations).toMatchObject({
      __dashboardUid__: 'envoy-proxy',
      __panelId__: String(latencyPanel),
      summary: 'Envoy downstream p90 latency is above 5 ms.',
    });
    expect(ruleGroup(artifacts, 'envoy-downstream').interval).toBe(60);
  });

  it('routes the recipe alert to the SNS contact point', () => {
    // given
    const tree = compile().resources.find((r) => r.kind === 'notification-policy')!.body;
    const rule = ruleGroup(compile(), 'envoy-downstream').rules![0]!;

    // when
    const routes = routeAlert(tree, { ...rule.labels, alertname: rule.title, namespace: 'prod', service: 'dj' });

    // then
    expect(routes.map((r) => r.receiver)).toEqual(['Amazon SNS']);
  });

  it('lets an environment override one threshold without copying the rule', () => {
    // when
    const rule = ruleGroup(compile(envoyAlerts({ downstreamLatency: { thresholdMs: 10 } })), 'envoy-downstream').rules![0]!;

    // then: only the threshold (and the text naming it) changes
    expect(rule.data[1]!.model).toMatchObject({ conditions: [{ evaluator: { type: 'gt', params: [10] } }] });
    expect(rule.data[0]!.model).toMatchObject({ expr: RECIPE_QUERY });
    expect(rule.for).toBe('1m');
  });

  it('applies the configured selector to every query', () => {
    const rules = ['envoy-downstream', 'envoy-upstream'].flatMap(
      (g) => ruleGroup(compile(envoyAlerts({ selector: 'job="appmesh-envoy"' })), g).rules!,
    );
    for (const r of rules) expect((r.data[0]!.model as unknown as { expr: string }).expr).toContain('{job="appmesh-envoy"');
  });

  it('exports the same alerts as Prometheus rules, with the comparison in PromQL', () => {
    const files = prometheusRuleFiles(envoyAlerts());
    expect([...files.keys()]).toEqual(['envoy-downstream', 'envoy-upstream']);
    expect(files.get('envoy-downstream')).toContain(`expr: ${RECIPE_QUERY} > 5\n        for: 1m`);
  });

  it('passes promtool check and unit tests, with a firing and a quiet case for every alert', () => {
    // given
    const files = prometheusRuleFiles(envoyAlerts());
    const tests = promtoolTestFiles(join(import.meta.dirname, '../promtool'));

    // when / then: throws with promtool's output when a check or test fails
    expect(promtoolCoverageGaps(files, tests)).toEqual([]);
    const result = promtoolCheckAndTest(files, tests);
    expect(result.test).toContain('SUCCESS');
  });
});
