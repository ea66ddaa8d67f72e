import { compareStrings } from '@o11y/environment';
import { NotificationPolicyBuilder, type NotificationPolicy } from '@grafana/grafana-foundation-sdk/alerting';
import type { PolicyFragment, PolicyRoute } from './model.js';

/** The root of an environment's policy tree: where alerts no team route catches go, and the default timings. */
export interface PolicyTreeDefinition {
  /** Default contact point name. */
  readonly receiver: string;
  /** @default ['grafana_folder', 'alertname'] */
  readonly groupBy?: readonly string[];
  /** @default '30s' */
  readonly groupWait?: string;
  /** @default '5m' */
  readonly groupInterval?: string;
  /** @default '4h' */
  readonly repeatInterval?: string;
}

/** A team's fragment and the alert set that contributed it (for error messages). */
export interface ContributedFragment {
  readonly set: string;
  readonly fragment: PolicyFragment;
}

export interface PolicyMergeProblem {
  readonly team: string;
  readonly field: string;
  readonly message: string;
}

type Settings = Omit<PolicyFragment, 'team' | 'routes'>;
const SETTINGS: readonly (keyof Settings)[] = ['receiver', 'groupBy', 'groupWait', 'groupInterval', 'repeatInterval', 'muteTimings'];

function routeBuilder(r: Omit<PolicyRoute, 'matchers'> & { readonly matchers?: PolicyRoute['matchers'] }): NotificationPolicyBuilder {
  const b = new NotificationPolicyBuilder();
  if (r.receiver) b.receiver(r.receiver);
  if (r.matchers?.length) b.objectMatchers(r.matchers.map((m) => [...m]));
  if (r.groupBy) b.groupBy([...r.groupBy]);
  if (r.groupWait) b.groupWait(r.groupWait);
  if (r.groupInterval) b.groupInterval(r.groupInterval);
  if (r.repeatInterval) b.repeatInterval(r.repeatInterval);
  if (r.muteTimings?.length) b.muteTimeIntervals([...r.muteTimings]);
  if (r.continue) b.continueVal(true);
  if (r.routes?.length) b.routes(r.routes.map(routeBuilder));
  return b;
}

const matchesTeam = (r: PolicyRoute): boolean => r.matchers.some(([label]) => label === 'team') || (r.routes ?? []).some(matchesTeam);

/**
 * One policy tree from the root and every team's fragments. Each team gets one subtree matching
 * `team="<team>"`, ordered by team name, so the result does not depend on the order sets are listed in and
 * no team's routes can catch another's alerts. Fragments of one team (several alert sets) are merged: their
 * routes are concatenated in set-name order, and their settings must agree, or the merge reports a conflict.
 */
export function mergePolicyTree(
  root: PolicyTreeDefinition,
  contributed: readonly ContributedFragment[],
): { tree: NotificationPolicy; problems: PolicyMergeProblem[] } {
  const problems: PolicyMergeProblem[] = [];
  const byTeam = new Map<string, ContributedFragment[]>();
  for (const c of [...contributed].sort((a, b) => compareStrings(a.set, b.set))) {
    byTeam.set(c.fragment.team, [...(byTeam.get(c.fragment.team) ?? []), c]);
  }
  const teams = [...byTeam.keys()].sort();
  const subtrees = teams.map((team) => {
    const parts = byTeam.get(team)!;
    const settings: Record<string, unknown> = {};
    const from: Record<string, string> = {};
    for (const { set, fragment } of parts) {
      for (const key of SETTINGS) {
        const value = fragment[key];
        if (value === undefined) continue;
        if (settings[key] !== undefined && JSON.stringify(settings[key]) !== JSON.stringify(value)) {
          problems.push({
            team,
            field: key,
            message: `alert sets "${from[key]}" and "${set}" both set ${key} of team "${team}" differently (${JSON.stringify(settings[key])} vs ${JSON.stringify(value)}): one team, one setting`,
          });
          continue;
        }
        settings[key] = value;
        from[key] = set;
      }
      for (const r of fragment.routes ?? []) {
        if (matchesTeam(r))
          problems.push({
            team,
            field: 'routes',
            message: `alert set "${set}" matches on the team label inside team "${team}": a team's routes only see its own alerts`,
          });
      }
    }
    // Sets of one team often contribute the same standard routes: keep each distinct route once, first one first.
    const routes = [...new Map(parts.flatMap((p) => p.fragment.routes ?? []).map((r) => [JSON.stringify(r), r])).values()];
    return routeBuilder({ ...(settings as Settings), matchers: [['team', '=', team]], routes });
  });
  const tree = new NotificationPolicyBuilder()
    .receiver(root.receiver)
    .groupBy([...(root.groupBy ?? ['grafana_folder', 'alertname'])])
    .groupWait(root.groupWait ?? '30s')
    .groupInterval(root.groupInterval ?? '5m')
    .repeatInterval(root.repeatInterval ?? '4h')
    .routes(subtrees)
    .build();
  return { tree: JSON.parse(JSON.stringify(tree)) as NotificationPolicy, problems };
}

/** Whether labels satisfy `[label, op, value]` the way Alertmanager evaluates it (regexes are anchored). */
export function matcherMatches([name, op, value]: readonly string[], labels: Readonly<Record<string, string>>): boolean {
  const actual = labels[name!] ?? '';
  switch (op) {
    case '=':
      return actual === value;
    case '!=':
      return actual !== value;
    case '=~':
      return new RegExp(`^(?:${value})$`).test(actual);
    case '!~':
      return !new RegExp(`^(?:${value})$`).test(actual);
    default:
      throw new Error(`unknown matcher operator ${JSON.stringify(op)}`);
  }
}

/** A route an alert ends in, with the settings it inherited on the way down. */
export interface RoutingResult {
  readonly receiver: string;
  readonly groupBy: readonly string[];
  readonly repeatInterval?: string;
  readonly muteTimings: readonly string[];
}

/**
 * Where an alert with these labels is sent: Alertmanager's depth-first, first-match routing with `continue`,
 * children inheriting receiver, grouping and timings. Used by tests to assert routing, not only shape.
 */
export function routeAlert(tree: NotificationPolicy, labels: Readonly<Record<string, string>>): RoutingResult[] {
  const walk = (node: NotificationPolicy, inherited: RoutingResult): RoutingResult[] => {
    const here: RoutingResult = {
      receiver: node.receiver ?? inherited.receiver,
      groupBy: node.group_by ?? inherited.groupBy,
      repeatInterval: node.repeat_interval ?? inherited.repeatInterval,
      muteTimings: node.mute_time_intervals ?? [],
    };
    const results: RoutingResult[] = [];
    for (const child of node.routes ?? []) {
      if (!(child.object_matchers ?? []).every((m) => matcherMatches(m, labels))) continue;
      results.push(...walk(child, here));
      if (!child.continue) break;
    }
    return results.length ? results : [here];
  };
  return walk(tree, { receiver: tree.receiver ?? '', groupBy: [], muteTimings: [] });
}

/** Every contact point name a tree routes to. */
export function receiversIn(tree: NotificationPolicy): string[] {
  const out = new Set<string>();
  const walk = (n: NotificationPolicy) => {
    if (n.receiver) out.add(n.receiver);
    (n.routes ?? []).forEach(walk);
  };
  walk(tree);
  return [...out].sort();
}

/** The standard routes of a team: critical alerts repeat sooner, warnings can be muted (e.g. outside business hours). */
export interface TeamRouteOptions {
  /** Contact point of the team; the environment's default when undefined. @default undefined */
  readonly receiver?: string;
  /** Labels one notification groups alerts by. @default ['alertname', 'namespace'] */
  readonly groupBy: readonly string[];
  /** How often a still-firing critical alert is sent again. @default '1h' */
  readonly criticalRepeatInterval: string;
  /** Mute timings that hold back warning notifications. @default [] */
  readonly warningMuteTimings: readonly string[];
}

export const defaultTeamRouteOptions: TeamRouteOptions = {
  groupBy: ['alertname', 'namespace'],
  criticalRepeatInterval: '1h',
  warningMuteTimings: [],
};

/** A team's fragment with the standard severity routes. */
export function teamPolicyFragment(team: string, options: TeamRouteOptions): PolicyFragment {
  const routes: PolicyRoute[] = [{ matchers: [['severity', '=', 'critical']], repeatInterval: options.criticalRepeatInterval }];
  if (options.warningMuteTimings.length) routes.push({ matchers: [['severity', '=', 'warning']], muteTimings: options.warningMuteTimings });
  return { team, ...(options.receiver ? { receiver: options.receiver } : {}), groupBy: options.groupBy, routes };
}
