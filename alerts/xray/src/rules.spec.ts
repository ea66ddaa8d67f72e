import { describe, expect, it } from 'vitest';
import { compileAlerting, prometheusRuleFiles, webhookContactPoint, type RuleGroup } from '@o11y/alerting';
import { xrayDashboard } from '@o11y/dashboard-xray';
import { observabilityFolders, type EnvironmentDefinition } from '@o11y/environment';
import { xrayAlerts } from './rules.js';

const env: EnvironmentDefinition = {
  name: 'test',
  source: '/repo/environments/test/src/environment.ts',
  grafana: { kind: 'self-hosted', url: 'http://localhost:3000', version: '12.4.2' },
  folders: observabilityFolders(),
  datasources: [{ uid: 'xray', name: 'X-Ray', type: 'grafana-x-ray-datasource', access: 'proxy', jsonData: {} }],
  dashboards: [{ folder: 'o11y-tracing', dashboard: xrayDashboard() }],
};
const compile = (set = xrayAlerts()) =>
  compileAlerting(
    {
      source: env.source,
      alertSets: [set],
      contactPoints: [webhookContactPoint({ url: 'http://localhost:9094/alerts' })],
      policy: { receiver: 'Webhook' },
    },
    env,
  );

describe('xray alerts', () => {
  it('alerts on the X-Ray fault rate of each service: faults / requests over 5 minutes above 5%', () => {
    // when
    const { resources, problems } = compile();
    const group = resources.find((r) => r.kind === 'alert-rule-group')!.body as unknown as RuleGroup;
    const frontend = group.rules!.find((r) => r.labels?.service === 'frontend')!;

    // then
    expect(problems).toEqual([]);
    expect(group.rules!.map((r) => r.title)).toEqual([
      'XRayFaultRateHighFrontend',
      'XRayFaultRateHighDownstream0',
      'XRayFaultRateHighDownstream1',
    ]);
    expect(frontend.data.map((d) => [d.refId, d.datasourceUid])).toEqual([
      ['A', 'xray'],
      ['B', 'xray'],
      ['C', '__expr__'],
      ['D', '__expr__'],
      ['E', '__expr__'],
      ['F', '__expr__'],
    ]);
    expect(frontend.data[0]).toMatchObject({
      relativeTimeRange: { from: 300, to: 0 },
      model: {
        queryType: 'getTimeSeriesServiceStatistics',
        query: 'service("frontend")',
        columns: ['FaultStatistics.TotalCount'],
        group: { GroupName: 'Default' },
        resolution: 60,
      },
    });
    expect(frontend.data[1]!.model).toMatchObject({ columns: ['TotalCount'] });
    expect(frontend.data[4]!.model).toMatchObject({ type: 'math', expression: '$C / $D' });
    expect(frontend.condition).toBe('F');
    expect(frontend.data[5]!.model).toMatchObject({
      type: 'threshold',
      expression: 'E',
      conditions: [{ evaluator: { type: 'gt', params: [0.05] } }],
    });
    expect(frontend.annotations).toMatchObject({
      __dashboardUid__: 'xray-services',
      description: expect.stringContaining('{{ humanizePercentage $values.E.Value }}'),
    });
  });

  it('has no Prometheus form: no ruler can query X-Ray', () => {
    expect(prometheusRuleFiles(xrayAlerts()).size).toBe(0);
  });

  it('follows the configured services and threshold', () => {
    const rules = xrayAlerts({ services: ['checkout-api'], faultRate: { threshold: 0.01 } }).groups[0]!.rules;
    expect(rules.map((r) => [r.name, r.uid, r.threshold.value])).toEqual([
      ['XRayFaultRateHighCheckoutApi', 'traces-fault-rate-checkout-api', 0.01],
    ]);
  });

  it('reports an X-Ray data source the environment lacks', () => {
    const { problems } = compileAlerting(
      {
        source: env.source,
        alertSets: [xrayAlerts()],
        contactPoints: [webhookContactPoint({ url: 'http://h' })],
        policy: { receiver: 'Webhook' },
      },
      { ...env, datasources: [] },
    );
    expect(problems[0]).toMatchObject({
      resource: 'alert rule XRayFaultRateHighFrontend',
      field: 'query.data.A.datasource',
      message: 'data source "xray" is not defined in environment test',
    });
  });
});
