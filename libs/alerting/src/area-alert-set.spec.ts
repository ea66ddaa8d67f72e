import { describe, expect, it } from 'vitest';
import { areaAlertSet } from './area-alert-set.js';
import { defaultTeamRouteOptions } from './policy.js';

describe('areaAlertSet', () => {
  it("given an area's config, when its groups are made a set, then each group runs at the area's interval, in its folder, routed to its team", () => {
    // given
    const area = { folder: 'o11y-mesh', team: 'mesh', interval: '1m', route: { ...defaultTeamRouteOptions, receiver: 'Pager' } };

    // when
    const set = areaAlertSet(area, { name: 'envoy', source: '/x/rules.ts', groups: [{ name: 'envoy-downstream', rules: [] }] });

    // then
    expect(set).toMatchObject({ name: 'envoy', source: '/x/rules.ts', folder: 'o11y-mesh', team: 'mesh' });
    expect(set.groups).toEqual([{ name: 'envoy-downstream', rules: [], interval: '1m' }]);
    expect(set.policy).toMatchObject({ team: 'mesh', receiver: 'Pager' });
  });
});
