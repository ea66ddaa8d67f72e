import {
  compareStrings,
  durationProblems,
  type AlertingDefinition,
  type AlertingResource,
  type PolicyFragment,
  type PolicyRoute,
  type PolicyTreeDefinition,
  type Problem,
} from '@o11y/environment';
import { NotificationPolicyBuilder, type NotificationPolicy } from '@grafana/grafana-foundation-sdk/alerting';
import { LABEL_NAME } from './promql.js';
import { reporter, type Compiled, type FieldProblem } from './resource-checks.js';

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

const MATCH_OPS = new Set(['=', '!=', '=~', '!~']);

function matcherProblems(matchers: readonly (readonly string[])[], field: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const m of matchers) {
    const [name, op, value] = m;
    const text = JSON.stringify(m);
    if (m.length !== 3 || name === undefined || op === undefined || value === undefined) {
      out.push({ field, message: `matcher ${text} must be [label, operator, value]` });
      continue;
    }
    if (!LABEL_NAME.test(name)) out.push({ field, message: `matcher ${text}: "${name}" is not a label name` });
    if (!MATCH_OPS.has(op)) out.push({ field, message: `matcher ${text}: operator must be one of = != =~ !~` });
    if (op === '=~' || op === '!~') {
      try {
        new RegExp(value);
      } catch {
        out.push({ field, message: `matcher ${text}: "${value}" is not a regular expression` });
      }
    }
  }
  return out;
}

/** Problems of a merged tree: receivers and mute timings that do not exist, matchers, timings and labels that do not parse. */
export function policyProblems(
  tree: NotificationPolicy,
  contactPoints: ReadonlySet<string>,
  muteTimings: ReadonlySet<string>,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const r of receiversIn(tree)) {
    if (!contactPoints.has(r))
      out.push({ field: 'receiver', message: `routes to contact point "${r}", which is not defined in this environment` });
  }
  const walk = (n: NotificationPolicy, path: string) => {
    out.push(...matcherProblems(n.object_matchers ?? [], `${path}.object_matchers`));
    for (const [key, minimum] of [
      ['group_wait', 0],
      ['group_interval', 1],
      ['repeat_interval', 1],
    ] as const) {
      const value = n[key];
      if (value !== undefined) out.push(...durationProblems(value, minimum).map((message) => ({ field: `${path}.${key}`, message })));
    }
    for (const l of n.group_by ?? [])
      if (l !== '...' && !LABEL_NAME.test(l)) out.push({ field: `${path}.group_by`, message: `"${l}" is not a label name` });
    for (const m of n.mute_time_intervals ?? []) {
      if (!muteTimings.has(m))
        out.push({ field: `${path}.mute_time_intervals`, message: `mute timing "${m}" is not defined in this environment` });
    }
    (n.routes ?? []).forEach((c, i) => walk(c, `${path}.routes[${i}]`));
  };
  walk(tree, 'root');
  return out;
}

/** The environment's one policy tree: its root and every alert set's team fragment, merged and checked. */
export function compilePolicy(
  definition: AlertingDefinition,
  contactPoints: ReadonlySet<string>,
  muteTimings: ReadonlySet<string>,
): Compiled<AlertingResource> {
  const problems: Problem[] = [];
  const report = reporter(problems, definition.source);
  const { tree, problems: mergeProblems } = mergePolicyTree(
    definition.policy,
    definition.alertSets.map((s) => ({ set: s.name, fragment: s.policy })),
  );
  for (const p of mergeProblems) report(`notification policy team "${p.team}"`, p.field, p.message);
  for (const p of policyProblems(tree, contactPoints, muteTimings)) report('notification policy', p.field, p.message);
  const resource: AlertingResource = {
    kind: 'notification-policy',
    uid: 'policy-tree',
    title: 'Notification policy tree',
    body: { ...tree },
    source: definition.source,
  };
  return { resources: [resource], problems };
}
