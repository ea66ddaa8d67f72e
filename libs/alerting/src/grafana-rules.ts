import { QueryBuilder, RuleBuilder, RuleGroupBuilder, type Rule, type RuleGroup } from '@grafana/grafana-foundation-sdk/alerting';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { TypeThresholdBuilder } from '@grafana/grafana-foundation-sdk/expr';
import { parseDuration } from '@o11y/environment';
import type { AlertRuleDefinition, AlertSet, RuleGroupDefinition } from '@o11y/environment';

/** Data source of Grafana's server-side expressions (reduce, math, threshold). */
export const EXPRESSION_DATASOURCE = { type: '__expr__', uid: '__expr__' } as const;

/** Seconds of history a PromQL query reads; enough for the longest range vector the sets use. */
const DEFAULT_FROM = 600;

/** refId of the query whose value is compared; PromQL rules have one query, A. */
export function valueRefId(rule: AlertRuleDefinition): string {
  return rule.query.kind === 'promql' ? 'A' : rule.query.value;
}

/** refId of the threshold expression: the first letter no query of the rule uses. */
export function conditionRefId(rule: AlertRuleDefinition): string {
  const used = new Set(rule.query.kind === 'promql' ? ['A'] : rule.query.data.map((d) => d.refId));
  for (const c of 'CBDEFGHIJKLMNOPQRSTUVWXYZ') if (!used.has(c)) return c;
  throw new Error(`${rule.name}: no free refId for the condition`);
}

/** Annotations Grafana and Prometheus share; Grafana adds the dashboard and panel it links to. */
export function ruleAnnotations(rule: AlertRuleDefinition, value: string): Record<string, string> {
  return {
    summary: rule.summary,
    description: typeof rule.description === 'function' ? rule.description(value) : rule.description,
    runbook_url: rule.runbookUrl,
  };
}

/** Labels of a rule: the set's team, the rule's severity, then the rule's own labels. */
export function ruleLabels(rule: AlertRuleDefinition, set: Pick<AlertSet, 'team'>): Record<string, string> {
  return { team: set.team, severity: rule.severity, ...rule.labels };
}

/** A Grafana-managed rule (ProvisionedAlertRule) built with the foundation SDK's alerting builders. */
export function grafanaRule(rule: AlertRuleDefinition, group: RuleGroupDefinition, set: AlertSet, panelId?: number): RuleBuilder {
  const condition = conditionRefId(rule);
  const queries: QueryBuilder[] =
    rule.query.kind === 'promql'
      ? [
          new QueryBuilder('A')
            .datasourceUid(rule.query.datasource.uid)
            .relativeTimeRange({ from: DEFAULT_FROM, to: 0 })
            .model(new DataqueryBuilder().refId('A').datasource(rule.query.datasource).expr(rule.query.expr).instant()),
        ]
      : rule.query.data.map((d) =>
          new QueryBuilder(d.refId)
            .datasourceUid(d.datasource.uid)
            .relativeTimeRange({ from: d.from ?? DEFAULT_FROM, to: 0 })
            .model(d.model),
        );
  queries.push(
    new QueryBuilder(condition)
      .datasourceUid(EXPRESSION_DATASOURCE.uid)
      .relativeTimeRange({ from: 0, to: 0 })
      .model(
        new TypeThresholdBuilder()
          .refId(condition)
          .datasource(EXPRESSION_DATASOURCE)
          .expression(valueRefId(rule))
          .conditions([{ evaluator: { type: rule.threshold.op, params: [rule.threshold.value] } }]),
      ),
  );
  const annotations = ruleAnnotations(rule, `$values.${valueRefId(rule)}.Value`);
  if (rule.panel) annotations.__dashboardUid__ = rule.panel.dashboard;
  if (panelId !== undefined) annotations.__panelId__ = String(panelId);
  return new RuleBuilder(rule.name)
    .uid(rule.uid)
    .orgID(1)
    .folderUID(set.folder)
    .ruleGroup(group.name)
    .queries(queries)
    .condition(condition)
    .forDuration(rule.for)
    .noDataState(rule.noDataState)
    .execErrState(rule.execErrState)
    .isPaused(false)
    .labels(ruleLabels(rule, set))
    .annotations(annotations);
}

/**
 * A rule group as PUT /api/v1/provisioning/folder/:folderUid/rule-groups/:group takes it; the PUT replaces
 * the whole group, so a rule removed from code is removed from Grafana.
 */
export function grafanaRuleGroup(
  group: RuleGroupDefinition,
  set: AlertSet,
  rules: readonly AlertRuleDefinition[],
  panelIdOf: (rule: AlertRuleDefinition) => number | undefined = () => undefined,
): RuleGroup {
  const builder = new RuleGroupBuilder(group.name)
    .folderUid(set.folder)
    .interval(parseDuration(group.interval) ?? 60)
    .rules(rules.map((r) => grafanaRule(r, group, set, panelIdOf(r))));
  // Round-trip through JSON so builder internals (functions, undefined) never reach artifacts.
  return JSON.parse(JSON.stringify(builder.build())) as RuleGroup;
}

export type { Rule, RuleGroup };
