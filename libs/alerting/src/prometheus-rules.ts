import { stringify } from 'yaml';
import { ruleAnnotations, ruleLabels } from './grafana-rules.js';
import type { AlertRuleDefinition, AlertSet, RuleGroupDefinition } from '@o11y/environment';
import { comparisonExpr } from './promql.js';

/** A rule as it appears in a Prometheus rule file. */
export type PrometheusRule =
  | { alert: string; expr: string; for: string; labels: Record<string, string>; annotations: Record<string, string> }
  | { record: string; expr: string; labels?: Record<string, string> };

export interface PrometheusRuleGroup {
  name: string;
  interval: string;
  rules: PrometheusRule[];
}

/** Whether a rule is plain PromQL, so a Prometheus-compatible ruler (AMP, Mimir) can evaluate it. */
export const isPromQLRule = (rule: AlertRuleDefinition): boolean => rule.query.kind === 'promql';

/** The Prometheus alerting rule of a PromQL alert: the same query, threshold, for, labels and annotations. */
export function prometheusAlertRule(rule: AlertRuleDefinition, set: Pick<AlertSet, 'team'>): PrometheusRule {
  if (rule.query.kind !== 'promql') throw new Error(`${rule.name}: only PromQL rules have a Prometheus form`);
  const annotations = ruleAnnotations(rule, '$value');
  // Prometheus has no dashboard links of its own; the uid and panel title let a notification template build one.
  if (rule.panel) Object.assign(annotations, { dashboard_uid: rule.panel.dashboard, panel: rule.panel.panel });
  return {
    alert: rule.name,
    expr: comparisonExpr(rule.query.expr, rule.threshold),
    for: rule.for,
    labels: ruleLabels(rule, set),
    annotations,
  };
}

/** The Prometheus rule group of a group: its PromQL alerts and its recording rules; undefined when it has neither. */
export function prometheusRuleGroup(group: RuleGroupDefinition, set: Pick<AlertSet, 'team'>): PrometheusRuleGroup | undefined {
  const rules: PrometheusRule[] = [
    ...(group.recordingRules ?? []).map((r) => ({ record: r.record, expr: r.expr, ...(r.labels ? { labels: { ...r.labels } } : {}) })),
    ...group.rules.filter(isPromQLRule).map((r) => prometheusAlertRule(r, set)),
  ];
  return rules.length ? { name: group.name, interval: group.interval, rules } : undefined;
}

/** A rule file (`groups: [...]`) in the format `promtool check rules`, AMP and Mimir take. */
export function prometheusRuleFileYaml(groups: readonly PrometheusRuleGroup[]): string {
  return stringify({ groups }, { lineWidth: 0, sortMapEntries: false });
}

/** Every Prometheus rule group of an alert set, keyed by group name (the file name without `.yaml`). */
export function prometheusRuleFiles(set: AlertSet): Map<string, string> {
  const files = new Map<string, string>();
  for (const group of set.groups) {
    const g = prometheusRuleGroup(group, set);
    if (g) files.set(group.name, prometheusRuleFileYaml([g]));
  }
  return files;
}
