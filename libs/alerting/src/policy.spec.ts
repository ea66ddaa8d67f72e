import { describe, expect, it } from 'vitest';
import { mergePolicyTree, routeAlert, teamPolicyFragment, defaultTeamRouteOptions, type ContributedFragment } from './policy.js';

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
