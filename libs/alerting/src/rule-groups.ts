import {
  envRefsIn,
  parseDuration,
  durationProblems,
  type AlertingDefinition,
  type AlertingResource,
  type AlertRuleDefinition,
  type DashboardModel,
  type EnvironmentDefinition,
  type PrometheusRuleFile,
  type Problem,
} from '@o11y/environment';
import { UID_PATTERN, allPanels, normalizeDashboard, promqlProblems, substituteGrafanaVariables } from '@o11y/grafana-model';
import { EXPRESSION_DATASOURCE, grafanaRuleGroup, type RuleGroup } from './grafana-rules.js';
import { isPromQLRule, prometheusRuleFileYaml, prometheusRuleGroup } from './prometheus-rules.js';
import { LABEL_NAME } from './promql.js';
import { reporter, type Compiled, type FieldProblem } from './resource-checks.js';

const GROUP_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Grafana evaluates rule groups on a 10s base interval. */
const BASE_INTERVAL = 10;

/**
 * Every alert set's rule groups, checked against the environment (folders, data sources, dashboards), as
 * Grafana-managed rule groups and, where the backend evaluates PromQL rules itself, Prometheus rule files.
 */
export function compileRuleGroups(
  definition: AlertingDefinition,
  environment: EnvironmentDefinition,
): Compiled<AlertingResource> & { ruleFiles: PrometheusRuleFile[] } {
  const problems: Problem[] = [];
  const resources: AlertingResource[] = [];
  const ruleFiles: PrometheusRuleFile[] = [];
  const evaluation = definition.evaluation ?? 'grafana';
  const folders = new Set(environment.folders.map((f) => f.uid));
  const groupNames = new Set<string>();
  const ruleUids = new Set<string>();
  const titlesByFolder = new Set<string>();
  for (const set of definition.alertSets) {
    const report = reporter(problems, set.source);
    if (!folders.has(set.folder))
      report(`alert set ${set.name}`, 'folder', `folder "${set.folder}" is not defined in environment ${environment.name}`);
    if (set.policy.team !== set.team)
      report(
        `alert set ${set.name}`,
        'policy.team',
        `the policy fragment is for team "${set.policy.team}" but the rules carry team="${set.team}"`,
      );
    for (const group of set.groups) {
      const resource = `rule group ${group.name}`;
      if (!GROUP_NAME.test(group.name))
        report(resource, 'name', 'must be lower-case letters, digits and dashes (it names the artifact file)');
      if (groupNames.has(group.name)) report(resource, 'name', 'defined twice in this environment');
      groupNames.add(group.name);
      const interval = parseDuration(group.interval);
      if (interval === undefined || interval < BASE_INTERVAL || interval % BASE_INTERVAL !== 0) {
        report(
          resource,
          'interval',
          `interval ${JSON.stringify(group.interval)} must be a duration that is a multiple of ${BASE_INTERVAL}s`,
        );
      }
      for (const rule of group.rules) {
        const ruleResource = `alert rule ${rule.name}`;
        if (ruleUids.has(rule.uid)) report(ruleResource, 'uid', `uid "${rule.uid}" is used by another rule`);
        ruleUids.add(rule.uid);
        if (titlesByFolder.has(`${set.folder}/${rule.name}`))
          report(ruleResource, 'name', `another rule in folder "${set.folder}" has this title`);
        titlesByFolder.add(`${set.folder}/${rule.name}`);
        for (const p of ruleProblems(rule, environment)) report(ruleResource, p.field, p.message);
      }
      for (const r of group.recordingRules ?? []) {
        if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(r.record)) report(`recording rule ${r.record}`, 'record', 'is not a valid metric name');
        for (const m of promqlProblems(r.expr)) report(`recording rule ${r.record}`, 'expr', m);
      }

      const grafanaRules = evaluation === 'grafana' ? group.rules : group.rules.filter((r) => !isPromQLRule(r));
      if (grafanaRules.length) {
        const body = grafanaRuleGroup(group, set, grafanaRules, (r) => panelId(r, environment));
        for (const p of builtGroupProblems(body)) report(`alert rule ${p.rule}`, p.field, p.message);
        resources.push({
          kind: 'alert-rule-group',
          uid: group.name,
          title: group.name,
          folder: set.folder,
          body: { ...body },
          source: set.source,
        });
      }
      if (evaluation === 'prometheus') {
        const g = prometheusRuleGroup(group, set);
        if (g) ruleFiles.push({ name: group.name, yaml: prometheusRuleFileYaml([g]), source: set.source });
      }
    }
  }
  return { resources, problems, ruleFiles };
}

/** Problems of one rule: its names, durations, labels and annotations, queries and the panel it links to. */
export function ruleProblems(rule: AlertRuleDefinition, env: EnvironmentDefinition): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!UID_PATTERN.test(rule.uid))
    out.push({ field: 'uid', message: `"${rule.uid}" must be 1-40 characters of letters, digits, "-" and "_"` });
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(rule.name))
    out.push({ field: 'name', message: 'alert names are UpperCamelCase letters and digits (they become the alertname label)' });
  out.push(...durationProblems(rule.for).map((message) => ({ field: 'for', message })));
  if (!Number.isFinite(rule.threshold.value)) out.push({ field: 'threshold', message: 'must be a finite number' });
  for (const [k, v] of Object.entries(rule.labels ?? {})) {
    if (!LABEL_NAME.test(k)) out.push({ field: `labels.${k}`, message: `"${k}" is not a label name` });
    if (k === 'team' || k === 'severity')
      out.push({ field: `labels.${k}`, message: `"${k}" is set by the alert set and the rule's severity; routing depends on it` });
    if (typeof v !== 'string') out.push({ field: `labels.${k}`, message: 'label values are strings' });
  }
  if (!/^https?:\/\//.test(rule.runbookUrl)) out.push({ field: 'runbookUrl', message: `"${rule.runbookUrl}" is not an http(s) URL` });
  const datasources = new Map(env.datasources.map((d) => [d.uid, d]));
  const checkDatasource = (ref: { type: string; uid: string }, field: string) => {
    if (ref.uid === EXPRESSION_DATASOURCE.uid) return;
    const ds = datasources.get(ref.uid);
    if (!ds) out.push({ field, message: `data source "${ref.uid}" is not defined in environment ${env.name}` });
    else if (ds.type !== ref.type) out.push({ field, message: `data source "${ref.uid}" is of type ${ds.type}, not ${ref.type}` });
  };
  if (rule.query.kind === 'promql') {
    checkDatasource(rule.query.datasource, 'query.datasource');
    for (const m of promqlProblems(rule.query.expr)) out.push({ field: 'query.expr', message: m });
    if (substituteGrafanaVariables(rule.query.expr) !== rule.query.expr) {
      out.push({
        field: 'query.expr',
        message: 'uses Grafana macros or template variables, which alert rules and Prometheus rulers do not expand',
      });
    }
  } else {
    const refIds = new Set<string>();
    for (const d of rule.query.data) {
      if (refIds.has(d.refId)) out.push({ field: `query.data.${d.refId}`, message: 'refId used twice' });
      refIds.add(d.refId);
      checkDatasource(d.datasource, `query.data.${d.refId}.datasource`);
    }
    if (!refIds.has(rule.query.value))
      out.push({ field: 'query.value', message: `refId "${rule.query.value}" is not one of the rule's queries or expressions` });
  }
  if (rule.panel) {
    const placed = env.dashboards.find((p) => p.dashboard.model.uid === rule.panel!.dashboard);
    if (!placed) out.push({ field: 'panel', message: `dashboard "${rule.panel.dashboard}" is not placed in environment ${env.name}` });
    else if (panelId(rule, env) === undefined)
      out.push({ field: 'panel', message: `dashboard "${rule.panel.dashboard}" has no panel titled "${rule.panel.panel}"` });
  }
  const rendered = typeof rule.description === 'function' ? rule.description('$value') : rule.description;
  if (rendered.trim() === '' || rule.summary.trim() === '')
    out.push({ field: 'annotations', message: 'summary and description are required' });
  return out;
}

/** Checks on the built Grafana rules: the condition names a query or expression, every expression input exists. */
function builtGroupProblems(group: RuleGroup): { rule: string; field: string; message: string }[] {
  const out: { rule: string; field: string; message: string }[] = [];
  for (const r of group.rules ?? []) {
    const refIds = new Set(r.data.map((d) => d.refId));
    if (!refIds.has(r.condition))
      out.push({ rule: r.title, field: 'condition', message: `condition "${r.condition}" is not the refId of a query or expression` });
    for (const d of r.data) {
      const model = d.model as { type?: string; expression?: string } | undefined;
      if (d.datasourceUid === EXPRESSION_DATASOURCE.uid && model?.type !== 'math' && model?.expression && !refIds.has(model.expression)) {
        out.push({
          rule: r.title,
          field: `data.${d.refId}.expression`,
          message: `expression input "${model.expression}" is not a refId of this rule`,
        });
      }
    }
    const env = [...envRefsIn(r)];
    if (env.length)
      out.push({ rule: r.title, field: 'data', message: `rules cannot depend on environment references (${env.join(', ')})` });
  }
  return out;
}

const panelIds = new WeakMap<object, Map<string, number>>();

/** The id the build gives a dashboard's panel of this title (normalizeDashboard numbers panels in layout order). */
export function dashboardPanelId(model: DashboardModel, title: string): number | undefined {
  let ids = panelIds.get(model);
  if (!ids) {
    ids = new Map();
    for (const p of allPanels(normalizeDashboard(model) as Record<string, unknown>)) {
      if (p.type !== 'row' && typeof p.title === 'string' && !ids.has(p.title)) ids.set(p.title, p.id as number);
    }
    panelIds.set(model, ids);
  }
  return ids.get(title);
}

function panelId(rule: AlertRuleDefinition, env: EnvironmentDefinition): number | undefined {
  if (!rule.panel) return undefined;
  const placed = env.dashboards.find((p) => p.dashboard.model.uid === rule.panel!.dashboard);
  return placed ? dashboardPanelId(placed.dashboard.model, rule.panel.panel) : undefined;
}
