import { describe, expect, it } from 'vitest';
import { compileAlerting } from './compile-alerting.js';
import { definition, env, lines, rule, set } from '../test/fixtures.js';

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

  it('passes what one resource defines to the resources that use it: templates, contact points, mute timings', () => {
    // given: a policy route muted by a timing only the definition names, routing to the one contact point
    const muted = definition({
      muteTimings: [{ name: 'weekends', timeIntervals: [{ weekdays: ['saturday', 'sunday'] }] }],
      alertSets: [set({ policy: { team: 'platform', muteTimings: ['weekends'] } })],
    });

    // when / then
    expect(compileAlerting(muted, env).problems).toEqual([]);
    expect(lines(compileAlerting({ ...muted, muteTimings: [] }, env).problems)).toEqual([
      'notification policy root.routes[0].mute_time_intervals: mute timing "weekends" is not defined in this environment',
    ]);
  });

  it('reports problems of every kind at once, each with the file that defines it', () => {
    // when
    const { problems } = compileAlerting(
      definition({ policy: { receiver: 'Pager' }, alertSets: [set({}, [rule({ for: '5 minutes' })])] }),
      env,
    );

    // then
    expect(problems.map((p) => `${p.file}: ${p.resource} ${p.field}`)).toEqual([
      '/repo/environments/test/src/environment.ts: notification policy receiver',
      '/repo/alerts/test/src/rules.ts: alert rule TargetDown for',
    ]);
  });
});
