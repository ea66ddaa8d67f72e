import { describe, expect, it } from 'vitest';
import { fromEnv, type AlertingDefinition, type EnvironmentDefinition } from '@o11y/environment';
import { compileContactPoints, emailContactPoint, snsContactPoint, validateSnsTopicArn, webhookContactPoint } from './contact-points.js';
import { definition, env, lines } from '../test/fixtures.js';

const defined = new Set(['o11y.title', 'o11y.message']);
const problems = (def: AlertingDefinition, e: EnvironmentDefinition = env, templates: ReadonlySet<string> = defined) =>
  lines(compileContactPoints(def, e, templates).problems);

describe('compileContactPoints', () => {
  it('reports a literal webhook password, naming the resource and field', () => {
    expect(
      problems(definition({ contactPoints: [webhookContactPoint({ url: 'http://h', password: 'hunter2' as never })] })).join('\n'),
    ).toContain('contact point webhook settings.password: a secret must be an environment reference');
  });

  it('reports a template the environment does not define', () => {
    // given: templates that define only "other"
    expect(problems(definition(), env, new Set(['other'])).join('\n')).toContain(
      'contact point webhook settings.title: template "o11y.title" is not defined',
    );
  });

  it('writes secrets as environment references only', () => {
    const { resources } = compileContactPoints(
      definition({ contactPoints: [webhookContactPoint({ url: 'http://h', username: 'grafana', password: fromEnv('WEBHOOK_PASSWORD') })] }),
      env,
      defined,
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

  it('builds emails in the API format', () => {
    expect(emailContactPoint({ addresses: ['a@example.com', 'b@example.com'] }).settings).toMatchObject({
      addresses: 'a@example.com;b@example.com',
      singleEmail: true,
    });
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
