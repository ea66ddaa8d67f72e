import { describe, expect, it } from 'vitest';
import { fromEnv, parseDuration, type EnvironmentDefinition } from '@o11y/environment';
import { emailContactPoint, snsContactPoint, validateSnsTopicArn, webhookContactPoint } from './contact-points.js';
import { compileAlerting, type AlertingDefinition } from './define-alerting.js';
import type { AlertRuleDefinition, AlertSet } from './model.js';
import { outsideBusinessHours } from './mute-timings.js';
import { comparisonExpr } from './promql.js';

const env: EnvironmentDefinition = {
  name: 'test',
  source: '/repo/environments/test/src/environment.ts',
  grafana: { kind: 'self-hosted', url: 'http://localhost:3000', version: '12.4.2' },
  folders: [{ uid: 'alerts', title: 'Alerts' }],
  datasources: [{ uid: 'prometheus', name: 'Prometheus', type: 'prometheus', access: 'proxy', url: 'http://p', jsonData: {} }],
  dashboards: [],
};

const rule = (over: Partial<AlertRuleDefinition> = {}): AlertRuleDefinition => ({
  name: 'TargetDown',
  uid: 'target-down',
  query: { kind: 'promql', datasource: { type: 'prometheus', uid: 'prometheus' }, expr: 'up' },
  threshold: { op: 'lt', value: 1 },
  for: '5m',
  severity: 'warning',
  summary: 'A target is down.',
  description: 'Target {{ $labels.instance }} is down.',
  runbookUrl: 'https://runbooks.example.com/targetdown',
  noDataState: 'OK',
  execErrState: 'Error',
  ...over,
});

const set = (over: Partial<AlertSet> = {}, rules = [rule()]): AlertSet => ({
  name: 'test',
  source: '/repo/alerts/test/src/rules.ts',
  folder: 'alerts',
  team: 'platform',
  groups: [{ name: 'test', interval: '1m', rules }],
  policy: { team: 'platform', routes: [{ matchers: [['severity', '=', 'critical']], repeatInterval: '1h' }] },
  ...over,
});

const definition = (over: Partial<AlertingDefinition> = {}): AlertingDefinition => ({
  source: env.source,
  alertSets: [set()],
  contactPoints: [webhookContactPoint({ url: 'http://localhost:9094/alerts' })],
  policy: { receiver: 'Webhook' },
  ...over,
});

const problems = (def: AlertingDefinition, e: EnvironmentDefinition = env) =>
  compileAlerting(def, e).problems.map((p) => `${p.resource} ${p.field}: ${p.message}`);

describe('compileAlerting', () => {
  it('writes templates, contact points, the policy tree and rule groups as provisioning-API bodies', () => {
    // when
    const { resources, problems, prometheusRuleFiles } = compileAlerting(definition(), env);

    // then
    expect(problems).toEqual([]);
    expect(resources.map((r) => `${r.kind}:${r.uid}`)).toEqual([
      'alert-template:o11y',
      'contact-point:webhook',
      'notification-policy:policy-tree',
      'alert-rule-group:test',
    ]);
    expect(resources.find((r) => r.kind === 'alert-rule-group')!.body).toMatchObject({
      title: 'test',
      folderUid: 'alerts',
      interval: 60,
      rules: [{ uid: 'target-down', orgID: 1, condition: 'C' }],
    });
    expect(resources.find((r) => r.kind === 'contact-point')!.body).toEqual({
      uid: 'webhook',
      name: 'Webhook',
      type: 'webhook',
      disableResolveMessage: false,
      settings: {
        url: 'http://localhost:9094/alerts',
        httpMethod: 'POST',
        title: '{{ template "o11y.title" . }}',
        message: '{{ template "o11y.message" . }}',
      },
    });
    expect(prometheusRuleFiles).toEqual([]);
  });

  it('moves PromQL alerts to Prometheus rule files when the backend evaluates them, so none is evaluated twice', () => {
    const { resources, prometheusRuleFiles } = compileAlerting(definition({ evaluation: 'prometheus' }), env);
    expect(resources.filter((r) => r.kind === 'alert-rule-group')).toEqual([]);
    expect(prometheusRuleFiles.map((f) => f.name)).toEqual(['test']);
    expect(prometheusRuleFiles[0]!.yaml).toContain('expr: up < 1');
  });

  it.each<[string, Partial<AlertingDefinition>, string]>([
    [
      'an unknown data source',
      { alertSets: [set({}, [rule({ query: { kind: 'promql', datasource: { type: 'prometheus', uid: 'amp' }, expr: 'up' } })])] },
      'alert rule TargetDown query.datasource: data source "amp" is not defined in environment test',
    ],
    [
      'a query that does not parse',
      {
        alertSets: [set({}, [rule({ query: { kind: 'promql', datasource: { type: 'prometheus', uid: 'prometheus' }, expr: 'sum(up' } })])],
      },
      'alert rule TargetDown query.expr: PromQL does not parse',
    ],
    [
      'a Grafana macro',
      {
        alertSets: [
          set({}, [
            rule({ query: { kind: 'promql', datasource: { type: 'prometheus', uid: 'prometheus' }, expr: 'rate(x[$__rate_interval])' } }),
          ]),
        ],
      },
      'alert rule TargetDown query.expr: uses Grafana macros',
    ],
    [
      'a duration that does not parse',
      { alertSets: [set({}, [rule({ for: '5 minutes' })])] },
      'alert rule TargetDown for: duration "5 minutes" does not parse',
    ],
    [
      'a route to a missing contact point',
      { policy: { receiver: 'Pager' } },
      'notification policy receiver: routes to contact point "Pager", which is not defined in this environment',
    ],
    [
      'a malformed matcher',
      { alertSets: [set({ policy: { team: 'platform', routes: [{ matchers: [['severity', '==', 'critical']] }] } })] },
      'notification policy root.routes[0].routes[0].object_matchers: matcher ["severity","==","critical"]: operator must be one of = != =~ !~',
    ],
    [
      'a missing mute timing',
      { alertSets: [set({ policy: { team: 'platform', muteTimings: ['weekends'] } })] },
      'mute timing "weekends" is not defined in this environment',
    ],
    [
      'a folder the environment lacks',
      { alertSets: [set({ folder: 'nowhere' })] },
      'alert set test folder: folder "nowhere" is not defined in environment test',
    ],
    [
      'an interval off the 10s grid',
      { alertSets: [set({ groups: [{ name: 'test', interval: '15s', rules: [rule()] }] })] },
      'rule group test interval: interval "15s" must be a duration that is a multiple of 10s',
    ],
    [
      'a panel link to a dashboard the environment does not place',
      { alertSets: [set({}, [rule({ panel: { dashboard: 'envoy-proxy', panel: 'Latency' } })])] },
      'alert rule TargetDown panel: dashboard "envoy-proxy" is not placed in environment test',
    ],
    [
      'a literal webhook password',
      { contactPoints: [webhookContactPoint({ url: 'http://h', password: 'hunter2' as never })] },
      'contact point webhook settings.password: a secret must be an environment reference',
    ],
    [
      'an unknown template in a contact point',
      { templates: [{ name: 'other', template: '{{ define "other" }}x{{ end }}' }] },
      'contact point webhook settings.title: template "o11y.title" is not defined',
    ],
  ])('reports %s, naming the resource and field', (_, over, expected) => {
    expect(problems(definition(over)).join('\n')).toContain(expected);
  });

  it('reports a condition that names no query', () => {
    // given: a Grafana-only rule whose value refId does not exist
    const broken = rule({ query: { kind: 'grafana', data: [], value: 'B', describe: 'nothing' } });
    expect(problems(definition({ alertSets: [set({}, [broken])] }))).toContain(
      'alert rule TargetDown query.value: refId "B" is not one of the rule\'s queries or expressions',
    );
  });

  it('writes secrets as environment references only', () => {
    const { resources } = compileAlerting(
      definition({ contactPoints: [webhookContactPoint({ url: 'http://h', username: 'grafana', password: fromEnv('WEBHOOK_PASSWORD') })] }),
      env,
    );
    expect(resources.find((r) => r.kind === 'contact-point')!.body).toMatchObject({
      settings: { username: 'grafana', password: '${env:WEBHOOK_PASSWORD}' },
    });
  });

  it('validates an SNS topic name against service-managed permissions on Amazon Managed Grafana', () => {
    // given
    const amg: EnvironmentDefinition = {
      ...env,
      grafana: { kind: 'amazon-managed-grafana', workspaceId: 'w', region: 'r', version: '12.4' },
    };
    const sns = (topicArn: string) =>
      definition({ contactPoints: [snsContactPoint({ topicArn, region: 'eu-west-1' })], policy: { receiver: 'Amazon SNS' } });

    // then
    expect(problems(sns('arn:aws:sns:eu-west-1:123456789012:alerts'), amg)).toEqual([
      'contact point sns settings.topic_arn: topic name "alerts" must start with "grafana": Amazon Managed Grafana with service-managed permissions may only publish to grafana* topics',
    ]);
    expect(problems(sns('arn:aws:sns:eu-west-1:123456789012:grafana-alerts'), amg)).toEqual([]);
    expect(problems(sns('arn:aws:sns:eu-west-1:123456789012:alerts'), env)).toEqual([]);
  });
});

describe('validateSnsTopicArn', () => {
  it.each([
    ['arn:aws:sns:us-east-1:123456789012:grafana-notification', true, []],
    ['${env:ALERTS_SNS_TOPIC_ARN}', true, []],
    ['arn:aws:sns:${env:AWS_REGION}:${env:AWS_ACCOUNT_ID}:grafana-alerts', true, []],
    [
      'arn:aws:sns:${env:AWS_REGION}:${env:AWS_ACCOUNT_ID}:alerts',
      true,
      [
        'topic name "alerts" must start with "grafana": Amazon Managed Grafana with service-managed permissions may only publish to grafana* topics',
      ],
    ],
    ['arn:aws:sns:us-east-1:1234:grafana', false, ['account "1234" of the topic ARN is not a 12-digit account id']],
    ['grafana-notification', false, ['"grafana-notification" is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)']],
  ])('%s (service-managed %s)', (arn, serviceManaged, expected) => {
    expect(validateSnsTopicArn(arn, { serviceManaged })).toEqual(expected);
  });
});

describe('building blocks', () => {
  it('parses Prometheus durations', () => {
    expect([parseDuration('1m'), parseDuration('1h30m'), parseDuration('0s'), parseDuration('90'), parseDuration('1m1h')]).toEqual([
      60,
      5400,
      0,
      undefined,
      undefined,
    ]);
  });

  it('parenthesises a query before comparing only where precedence needs it', () => {
    expect(comparisonExpr('1 - a / b', { op: 'gt', value: 0.9 })).toBe('1 - a / b > 0.9');
    expect(comparisonExpr('a and b > 0', { op: 'lt', value: 1 })).toBe('(a and b > 0) < 1');
  });

  it('builds emails and mute timings in the API format', () => {
    expect(emailContactPoint({ addresses: ['a@example.com', 'b@example.com'] }).settings).toMatchObject({
      addresses: 'a@example.com;b@example.com',
      singleEmail: true,
    });
    expect(outsideBusinessHours({ location: 'Europe/Berlin' }).timeIntervals[0]).toEqual({
      times: [
        { start_time: '00:00', end_time: '08:00' },
        { start_time: '18:00', end_time: '24:00' },
      ],
      weekdays: ['monday:friday'],
      location: 'Europe/Berlin',
    });
  });
});
