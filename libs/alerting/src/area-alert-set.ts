import type { AlertSet, RuleGroupDefinition } from '@o11y/environment';
import { teamPolicyFragment, type TeamRouteOptions } from './policy.js';

/** What an area's one config says about its alerts: their folder, owning team, evaluation interval and routing. */
export interface AreaAlerting {
  readonly folder: string;
  readonly team: string;
  readonly interval: string;
  readonly route: TeamRouteOptions;
}

/** An area's alert set: its rule groups evaluated at the area's interval, in its folder, routed to its team. */
export function areaAlertSet(
  area: AreaAlerting,
  set: { readonly name: string; readonly source: string; readonly groups: readonly Omit<RuleGroupDefinition, 'interval'>[] },
): AlertSet {
  return {
    name: set.name,
    source: set.source,
    folder: area.folder,
    team: area.team,
    groups: set.groups.map((g) => ({ ...g, interval: area.interval })),
    policy: teamPolicyFragment(area.team, area.route),
  };
}
