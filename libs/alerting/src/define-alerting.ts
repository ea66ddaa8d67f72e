import { allPanels, normalizeDashboard, promqlProblems, substituteGrafanaVariables } from '@o11y/build';
import {
  envRefsIn,
  isEnvRef,
  type AlertingArtifacts,
  type AlertingResource,
  type DashboardModel,
  type EnvironmentDefinition,
  type PrometheusRuleFile,
  type Problem,
  durationProblems,
  parseDuration,
} from '@o11y/environment';
import { contactPointBody, needsServiceManagedTopicName, validateSnsTopicArn, type ContactPointDefinition } from './contact-points.js';
import { EXPRESSION_DATASOURCE, grafanaRuleGroup, type RuleGroup } from './grafana-rules.js';
import type { AlertRuleDefinition, AlertSet, RuleGroupDefinition } from './model.js';
import { muteTimingBody, muteTimingProblems, type MuteTimingDefinition } from './mute-timings.js';
import { mergePolicyTree, receiversIn, type PolicyTreeDefinition } from './policy.js';
import { isPromQLRule, prometheusRuleFileYaml, prometheusRuleGroup } from './prometheus-rules.js';
import { LABEL_NAME } from './promql.js';
import { definedTemplateNames, o11yNotificationTemplate, templateBody, usedTemplateNames, type TemplateDefinition } from './templates.js';
import type { NotificationPolicy } from '@grafana/grafana-foundation-sdk/alerting';

/** Where PromQL alerts are evaluated in an environment. */
export type RuleEvaluation = 'grafana' | 'prometheus';

/** Everything an environment alerts with. */
export interface AlertingDefinition {
  /** The environment file (import.meta.filename), for messages about contact points, policy and timings. */
  readonly source: string;
  /**
   * `grafana`: every rule is a Grafana-managed rule. `prometheus`: PromQL alerts and recording rules go to
   * Prometheus rule files (dist/<env>/rules/) for the AMP / Mimir ruler, and only the rest (e.g. X-Ray) stays
   * Grafana-managed, so no alert is evaluated twice. @default 'grafana'
   */
  readonly evaluation?: RuleEvaluation;
  readonly alertSets: readonly AlertSet[];
  readonly contactPoints: readonly ContactPointDefinition[];
  readonly policy: PolicyTreeDefinition;
  /** @default [] */
  readonly muteTimings?: readonly MuteTimingDefinition[];
  /** @default [o11yNotificationTemplate()] */
  readonly templates?: readonly TemplateDefinition[];
}

const UID = /^[A-Za-z0-9_-]{1,40}$/;
const GROUP_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const MATCH_OPS = new Set(['=', '!=', '=~', '!~']);
const EMAIL = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;
/** Grafana evaluates rule groups on a 10s base interval. */
const BASE_INTERVAL = 10;

/** The environment's alerting, compiled when the environment is built: `alerting: defineAlerting({...})`. */
export function defineAlerting(def: AlertingDefinition): (env: EnvironmentDefinition) => AlertingArtifacts {
  return (env) => compileAlerting(def, env);
}

/** Validates everything and turns it into provisioning-API bodies and Prometheus rule files. */
export function compileAlerting(def: AlertingDefinition, env: EnvironmentDefinition): AlertingArtifacts {
  const problems: Problem[] = [];
  const resources: AlertingResource[] = [];
  const ruleFiles: PrometheusRuleFile[] = [];
  const envProblem = (resource: string, field: string | undefined, message: string) =>
    problems.push({ file: def.source, resource, field, message });

  // Templates
  const templates = def.templates ?? [o11yNotificationTemplate()];
  const definedTemplates = new Set<string>();
  for (const t of unique(
    templates,
    (t) => t.name,
    (name) => envProblem(`template ${name}`, 'name', 'defined twice'),
  )) {
    if (!NAME.test(t.name)) envProblem(`template ${t.name}`, 'name', 'must be letters, digits, ".", "-" and "_"');
    const names = definedTemplateNames(t.template);
    if (names.length === 0) envProblem(`template ${t.name}`, 'template', 'defines nothing: use {{ define "name" }}...{{ end }}');
    names.forEach((n) => definedTemplates.add(n));
    resources.push({ kind: 'alert-template', uid: t.name, title: t.name, body: { ...templateBody(t) }, source: def.source });
  }

  // Mute timings
  const muteTimings = def.muteTimings ?? [];
  for (const m of unique(
    muteTimings,
    (m) => m.name,
    (name) => envProblem(`mute timing ${name}`, 'name', 'defined twice'),
  )) {
    if (!NAME.test(m.name)) envProblem(`mute timing ${m.name}`, 'name', 'must be letters, digits, ".", "-" and "_"');
    for (const p of muteTimingProblems(m)) envProblem(`mute timing ${m.name}`, p.field, p.message);
    resources.push({ kind: 'mute-timing', uid: m.name, title: m.name, body: { ...muteTimingBody(m) }, source: def.source });
  }
  const muteTimingNames = new Set(muteTimings.map((m) => m.name));

  // Contact points
  const names = new Set<string>();
  for (const cp of unique(
    def.contactPoints,
    (c) => c.uid,
    (uid) => envProblem(`contact point ${uid}`, 'uid', 'defined twice'),
  )) {
    const resource = `contact point ${cp.uid}`;
    if (!UID.test(cp.uid)) envProblem(resource, 'uid', 'uid must be 1-40 characters of letters, digits, "-" and "_"');
    if (names.has(cp.name)) envProblem(resource, 'name', `name "${cp.name}" is used by another contact point`);
    names.add(cp.name);
    for (const path of cp.secretSettings) {
      const value = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], cp.settings);
      if (value !== undefined && !isEnvRef(value))
        envProblem(resource, `settings.${path}`, 'a secret must be an environment reference (fromEnv("NAME")), never a literal value');
    }
    for (const p of contactPointProblems(cp, env)) envProblem(resource, p.field, p.message);
    for (const [key, value] of Object.entries(cp.settings)) {
      if (typeof value !== 'string') continue;
      for (const used of usedTemplateNames(value)) {
        if (!definedTemplates.has(used))
          envProblem(resource, `settings.${key}`, `template "${used}" is not defined by any notification template of this environment`);
      }
    }
    resources.push({ kind: 'contact-point', uid: cp.uid, title: cp.name, body: { ...contactPointBody(cp) }, source: def.source });
  }

  // Notification policy tree
  const { tree, problems: mergeProblems } = mergePolicyTree(
    def.policy,
    def.alertSets.map((s) => ({ set: s.name, fragment: s.policy })),
  );
  for (const p of mergeProblems) envProblem(`notification policy team "${p.team}"`, p.field, p.message);
  for (const p of policyProblems(tree, names, muteTimingNames)) envProblem('notification policy', p.field, p.message);
  resources.push({
    kind: 'notification-policy',
    uid: 'policy-tree',
    title: 'Notification policy tree',
    body: { ...tree },
    source: def.source,
  });

  // Rule groups
  const evaluation = def.evaluation ?? 'grafana';
  const folders = new Set(env.folders.map((f) => f.uid));
  const groupNames = new Set<string>();
  const ruleUids = new Set<string>();
  const titlesByFolder = new Set<string>();
  for (const set of def.alertSets) {
    const report = (resource: string, field: string | undefined, message: string) =>
      problems.push({ file: set.source, resource, field, message });
    if (!folders.has(set.folder))
      report(`alert set ${set.name}`, 'folder', `folder "${set.folder}" is not defined in environment ${env.name}`);
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
        for (const p of ruleProblems(rule, env)) report(ruleResource, p.field, p.message);
      }
      for (const r of group.recordingRules ?? []) {
        if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(r.record)) report(`recording rule ${r.record}`, 'record', 'is not a valid metric name');
        for (const m of promqlProblems(r.expr)) report(`recording rule ${r.record}`, 'expr', m);
      }

      const grafanaRules = evaluation === 'grafana' ? group.rules : group.rules.filter((r) => !isPromQLRule(r));
      if (grafanaRules.length) {
        const body = grafanaRuleGroup(group, set, grafanaRules, (r) => panelId(r, env));
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
  return { resources, prometheusRuleFiles: ruleFiles, problems };
}

/** Items with duplicate keys reported once each; every item is still returned. */
function unique<T>(items: readonly T[], key: (t: T) => string, duplicate: (k: string) => void): readonly T[] {
  const seen = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) duplicate(k);
    seen.add(k);
  }
  return items;
}

type FieldProblem = { field: string; message: string };

function contactPointProblems(cp: ContactPointDefinition, env: EnvironmentDefinition): FieldProblem[] {
  const out: FieldProblem[] = [];
  const s = cp.settings as Record<string, unknown>;
  if (cp.type === 'sns') {
    const arn = String(s.topic_arn ?? '');
    const serviceManaged = needsServiceManagedTopicName(cp, env.grafana);
    for (const message of validateSnsTopicArn(arn, { serviceManaged })) out.push({ field: 'settings.topic_arn', message });
    if (!(s.sigv4 as Record<string, unknown> | undefined)?.region)
      out.push({ field: 'settings.sigv4.region', message: 'the topic region is required for signing' });
  }
  if (cp.type === 'email') {
    const addresses = String(s.addresses ?? '');
    if (!isEnvRef(addresses)) {
      const list = addresses.split(';').filter((a) => a.trim() !== '');
      if (list.length === 0) out.push({ field: 'settings.addresses', message: 'no recipients' });
      for (const a of list) if (!EMAIL.test(a.trim())) out.push({ field: 'settings.addresses', message: `"${a}" is not an email address` });
    }
  }
  if (cp.type === 'webhook') {
    const url = String(s.url ?? '');
    if (!isEnvRef(url) && !/^https?:\/\/[^\s/]+/.test(url)) out.push({ field: 'settings.url', message: `"${url}" is not an http(s) URL` });
  }
  return out;
}

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

function policyProblems(tree: NotificationPolicy, contactPoints: ReadonlySet<string>, muteTimings: ReadonlySet<string>): FieldProblem[] {
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

function ruleProblems(rule: AlertRuleDefinition, env: EnvironmentDefinition): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!UID.test(rule.uid)) out.push({ field: 'uid', message: `"${rule.uid}" must be 1-40 characters of letters, digits, "-" and "_"` });
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

export type { RuleGroupDefinition };
