import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DesiredResource } from './artifacts.js';
import { PublishError } from './errors.js';
import { resolveResources } from './resolve-env.js';
import { redactorFor } from './secrets.js';

const cp = (uid: string, settings: Record<string, unknown>): DesiredResource => ({
  kind: 'contact-point',
  uid,
  path: `grafana/alerting/contact-points/${uid}.json`,
  env: [],
  body: { uid, name: uid, type: 'sns', settings },
});

describe('redactor', () => {
  it('puts references back in place of the values they resolved to', () => {
    // given
    const token = ['glsa', randomBytes(16).toString('hex')].join('_'); // made at run time, never a literal
    const r = redactorFor([cp('sns', { topic_arn: '${env:TOPIC}' })], { TOPIC: 'arn:aws:sns:us-east-1:123456789012:grafana-canary' }, [
      token,
    ]);

    // then
    expect(r.redact(`topic arn:aws:sns:us-east-1:123456789012:grafana-canary, token ${token}`)).toBe('topic ${env:TOPIC}, token ***');
  });
});

describe('resolveResources', () => {
  const redactor = redactorFor([], {});

  it('names every missing variable and what needs it, in one error', () => {
    // given
    const resources = [
      cp('a', { topic_arn: '${env:TOPIC}', sigv4: { region: '${env:AWS_REGION}' } }),
      cp('b', { topic_arn: '${env:TOPIC}' }),
    ];

    // when / then
    expect(() => resolveResources('aws', resources, {}, { serviceManagedSns: true, redactor })).toThrowError(
      new PublishError(
        'aws: environment variables not set: AWS_REGION (contact-point a); TOPIC (contact-point a, contact-point b); nothing was written',
      ),
    );
  });

  it('checks SNS topic ARNs that come from the environment', () => {
    const resources = [cp('sns', { topic_arn: '${env:TOPIC}' })];
    expect(() =>
      resolveResources('aws', resources, { TOPIC: 'arn:aws:sns:us-east-1:123456789012:alerts' }, { serviceManagedSns: true, redactor }),
    ).toThrow(/contact-point sns settings\.topic_arn: topic name "alerts" must start with "grafana"/);
    const ok = resolveResources(
      'aws',
      resources,
      { TOPIC: 'arn:aws:sns:us-east-1:123456789012:grafana-alerts' },
      { serviceManagedSns: true, redactor },
    );
    expect((ok[0]!.resolved.settings as { topic_arn: string }).topic_arn).toBe('arn:aws:sns:us-east-1:123456789012:grafana-alerts');
  });
});
