import { describe, expect, it } from 'vitest';
import type { AlertingDefinition } from '@o11y/environment';
import {
  compilePolicy,
  mergePolicyTree,
  routeAlert,
  teamPolicyFragment,
  defaultTeamRouteOptions,
  type ContributedFragment,
} from './policy.js';
import { definition, lines, set } from '../test/fixtures.js';

const mesh: ContributedFragment = { set: 'envoy', fragment: teamPolicyFragment('mesh', { ...defaultTeamRouteOptions, receiver: 'SNS' }) };
const platform: ContributedFragment = {
  set: 'eks',
  fragment: teamPolicyFragment('platform', { ...defaultTeamRouteOptions, warningMuteTimings: ['outside-business-hours'] }),
};
const apps: ContributedFragment = { set: 'sample-app', fragment: teamPolicyFragment('apps', defaultTeamRouteOptions) };
const appsTraces: ContributedFragment = { set: 'traces', fragment: teamPolicyFragment('apps', defaultTeamRouteOptions) };

describe('mergePolicyTree', () => {
  it('gives every team one subtree, sorted by team, whatever order the sets come in', () => {
    // when
    const a = mergePolicyTree({ receiver: 'Email' }, [mesh, platform, apps, appsTraces]);
    const b = mergePolicyTree({ receiver: 'Email' }, [appsTraces, platform, apps, mesh]);

    // then
    expect(a).toEqual(b);
    expect(a.problems).toEqual([]);
    expect(a.tree).toEqual({
      receiver: 'Email',
      group_by: ['grafana_folder', 'alertname'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: [
        // Two sets of team apps contribute the same standard routes once.
        {
          object_matchers: [['team', '=', 'apps']],
          group_by: ['alertname', 'namespace'],
          routes: [{ object_matchers: [['severity', '=', 'critical']], repeat_interval: '1h' }],
        },
        {
          object_matchers: [['team', '=', 'mesh']],
          receiver: 'SNS',
          group_by: ['alertname', 'namespace'],
          routes: [{ object_matchers: [['severity', '=', 'critical']], repeat_interval: '1h' }],
        },
        {
          object_matchers: [['team', '=', 'platform']],
          group_by: ['alertname', 'namespace'],
          routes: [
            { object_matchers: [['severity', '=', 'critical']], repeat_interval: '1h' },
            { object_matchers: [['severity', '=', 'warning']], mute_time_intervals: ['outside-business-hours'] },
          ],
        },
      ],
    });
  });

  it('reports two sets of one team that disagree on a setting instead of letting the last one win', () => {
    const other: ContributedFragment = { set: 'traces', fragment: { team: 'mesh', receiver: 'Email' } };
    expect(mergePolicyTree({ receiver: 'Email' }, [mesh, other]).problems).toEqual([
      {
        team: 'mesh',
        field: 'receiver',
        message: 'alert sets "envoy" and "traces" both set receiver of team "mesh" differently ("SNS" vs "Email"): one team, one setting',
      },
    ]);
  });

  it('reports a route that tries to catch alerts by team', () => {
    const sneaky: ContributedFragment = {
      set: 'eks',
      fragment: { team: 'platform', routes: [{ matchers: [['team', '=', 'mesh']], receiver: 'Pager' }] },
    };
    expect(mergePolicyTree({ receiver: 'Email' }, [sneaky]).problems[0]!.message).toContain("a team's routes only see its own alerts");
  });
});

describe('routeAlert', () => {
  const { tree } = mergePolicyTree({ receiver: 'Email' }, [mesh, platform, apps]);

  it("sends a team's alerts to its receiver, inheriting grouping", () => {
    expect(routeAlert(tree, { team: 'mesh', severity: 'critical' })).toEqual([
      { receiver: 'SNS', groupBy: ['alertname', 'namespace'], repeatInterval: '1h', muteTimings: [] },
    ]);
  });

  it('mutes warnings of the platform team outside business hours, not its critical alerts', () => {
    expect(routeAlert(tree, { team: 'platform', severity: 'warning' })[0]!.muteTimings).toEqual(['outside-business-hours']);
    expect(routeAlert(tree, { team: 'platform', severity: 'critical' })[0]!.muteTimings).toEqual([]);
  });

  it('sends alerts of no known team to the default receiver', () => {
    expect(routeAlert(tree, { team: 'nobody' })).toEqual([
      { receiver: 'Email', groupBy: ['grafana_folder', 'alertname'], repeatInterval: '4h', muteTimings: [] },
    ]);
  });
});

describe('compilePolicy', () => {
  const contactPoints = new Set(['Webhook']);

  it.each<[string, Partial<AlertingDefinition>, string]>([
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
  ])('reports %s, naming the resource and field', (_, over, expected) => {
    // when
    const { problems } = compilePolicy(definition(over), contactPoints, new Set());

    // then
    expect(lines(problems).join('\n')).toContain(expected);
  });

  it('writes the merged tree as the one policy-tree resource', () => {
    const { resources, problems } = compilePolicy(definition(), contactPoints, new Set());
    expect(problems).toEqual([]);
    expect(resources.map((r) => `${r.kind}:${r.uid}`)).toEqual(['notification-policy:policy-tree']);
    expect(resources[0]!.body).toMatchObject({ receiver: 'Webhook', routes: [{ object_matchers: [['team', '=', 'platform']] }] });
  });
});
