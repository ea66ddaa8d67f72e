import { datasourceOfTarget, queryPanels, type DashboardJson, type DatasourceJson } from './dashboard-model.js';
import {
  artifactDashboards,
  artifactDatasources,
  artifactRuleGroups,
  asLocalPrometheus,
  dashboardAsLocalPrometheus,
  type EnvironmentArtifacts,
} from './environment-artifacts.js';
import type { NoLocalSourcePanel } from './no-local-source.js';
import { checkPanelData, type PanelCheck } from './panel-data.js';
import { prometheusApi } from './prometheus-api.js';
import { checkRuleData, type RuleCheck } from './rule-data.js';
import { selectorData, type SelectorData } from './selector-data.js';
import type { WithoutSourceDeclaration } from '@o11y/environment';

/** A panel or rule declared to have no source in an environment: the environment definition's own type. */
export type WithoutSource = WithoutSourceDeclaration;

export type DataVerdict =
  /** Returned data. */
  | 'fed'
  /** No data, and not declared: the failure. */
  | 'no-data'
  /** No data, declared without a source. */
  | 'declared'
  /** Declared without a source, yet it has data: the declaration is stale. */
  | 'declared-but-fed'
  /** Not a Prometheus query (X-Ray, Loki, Tempo): outside this check. */
  | 'not-prometheus';

export interface DataItem {
  /** `dashboard <uid> panel "<title>"` or `rule "<title>" (group <group>)` */
  readonly name: string;
  readonly verdict: DataVerdict;
  /** The declaration's why, or the data sources of a non-Prometheus item. */
  readonly why?: string;
  /** For items without data: each query with what came back, and its selectors with none. */
  readonly detail: readonly string[];
}

export interface EnvironmentDataReport {
  readonly environment: string;
  readonly panels: readonly DataItem[];
  readonly rules: readonly DataItem[];
  /** Declarations matching no panel or rule of the environment. */
  readonly unmatched: readonly WithoutSource[];
}

export interface EnvironmentDataOptions {
  readonly withoutSource?: readonly WithoutSource[];
  /** Dashboard time range. @default 5 min */
  readonly rangeMs?: number;
  /** The data sources' scrape interval setting for $__interval / $__rate_interval. @default each one's jsonData.timeInterval, else 15s */
  readonly scrapeInterval?: string;
  readonly now?: () => number;
}

const panelName = (uid: string, title: string) => `dashboard ${uid} panel "${title}"`;
const ruleName = (r: RuleCheck) => `rule "${r.rule}" (group ${r.group})`;

function declarationOf(list: readonly WithoutSource[], item: { dashboard?: string; panel?: string; rule?: string }) {
  return list.find((w) =>
    item.rule !== undefined
      ? w.rule === item.rule
      : w.rule === undefined && w.dashboard === item.dashboard && (w.panel === undefined || w.panel === item.panel),
  );
}

function verdict(fed: boolean, declared: WithoutSource | undefined): DataVerdict {
  if (declared) return fed ? 'declared-but-fed' : 'declared';
  return fed ? 'fed' : 'no-data';
}

const describeSelectors = (selectors: readonly SelectorData[]) =>
  selectors.filter((s) => s.series === 0).map((s) => `${s.selector} selects nothing${s.error ? ` (${s.error})` : ''}`);

function nonPrometheusPanels(dashboards: readonly DashboardJson[], datasources: readonly DatasourceJson[]): NoLocalSourcePanel[] {
  return dashboards.flatMap((d) =>
    queryPanels(d).flatMap((p) => {
      const foreign = p.targets.map((t) => datasourceOfTarget(d, p, t, datasources)).filter((ds) => ds?.type !== 'prometheus');
      if (foreign.length === 0) return [];
      const reason = [
        ...new Set(foreign.map((ds) => (ds ? `${ds.name} (${ds.type})` : 'a data source missing from the environment'))),
      ].join(', ');
      return [{ dashboardUid: d.uid, dashboardTitle: d.title, panelId: p.id, title: p.title, reason }];
    }),
  );
}

/**
 * Every panel's and every alert rule's Prometheus queries of an environment's artifacts, run against
 * `prometheusUrl` (variables and macros resolved as Grafana does), each judged fed or not, and set against
 * the panels and rules declared without a source.
 */
export async function checkEnvironmentData(
  artifacts: EnvironmentArtifacts,
  prometheusUrl: string,
  options: EnvironmentDataOptions = {},
): Promise<EnvironmentDataReport> {
  const declared = options.withoutSource ?? [];
  const nowMs = (options.now ?? Date.now)();
  const rangeMs = options.rangeMs ?? 5 * 60_000;
  const dashboards = artifactDashboards(artifacts).map(dashboardAsLocalPrometheus);
  const datasources = asLocalPrometheus(artifactDatasources(artifacts));
  const foreign = nonPrometheusPanels(dashboards, datasources);
  const api = prometheusApi(prometheusUrl);

  const panelReport = await checkPanelData({ dashboards, datasources }, prometheusUrl, {
    noLocalSource: foreign,
    rangeMs,
    ...(options.scrapeInterval ? { scrapeInterval: options.scrapeInterval } : {}),
    now: () => nowMs,
  });
  const panels: DataItem[] = [];
  for (const p of panelReport.panels) {
    const dashboard = dashboards.find((d) => d.uid === p.dashboardUid)!;
    const raw = queryPanels(dashboard).find((q) => q.id === p.panelId)!.title;
    const name = panelName(p.dashboardUid, raw);
    if (p.status === 'no-local-source') {
      panels.push({ name, verdict: 'not-prometheus', why: p.reason, detail: [] });
      continue;
    }
    const declaration = declarationOf(declared, { dashboard: p.dashboardUid, panel: raw });
    const fed = p.status === 'data';
    panels.push({
      name,
      verdict: verdict(fed, declaration),
      ...(declaration ? { why: declaration.why } : {}),
      detail: fed ? [] : await panelDetail(p, api, nowMs, rangeMs),
    });
  }

  const rules: DataItem[] = (await checkRuleData(artifactRuleGroups(artifacts), datasources, prometheusUrl, { now: () => nowMs })).map(
    (r) => {
      if (r.status === 'not-prometheus') return { name: ruleName(r), verdict: 'not-prometheus', why: r.reason, detail: [] };
      const declaration = declarationOf(declared, { rule: r.rule });
      const fed = r.status === 'fed';
      return {
        name: ruleName(r),
        verdict: verdict(fed, declaration),
        ...(declaration ? { why: declaration.why } : {}),
        detail: fed
          ? []
          : r.queries.map(
              (q) =>
                `${q.refId}: ${q.error ?? `${q.series} series`}; ${describeSelectors(q.selectors).join('; ') || 'every selector has series'}: ${q.expr}`,
            ),
      };
    },
  );

  const ruleTitles = new Set(rules.map((r) => r.name));
  const unmatched = declared.filter((w) =>
    w.rule !== undefined
      ? ![...ruleTitles].some((n) => n.startsWith(`rule "${w.rule}" `))
      : !panelReport.panels.some((p) => {
          const raw = queryPanels(dashboards.find((d) => d.uid === p.dashboardUid)!).find((q) => q.id === p.panelId)!.title;
          return p.dashboardUid === w.dashboard && (w.panel === undefined || w.panel === raw);
        }),
  );
  return { environment: artifacts.manifest.environment, panels, rules, unmatched };
}

async function panelDetail(p: PanelCheck, api: ReturnType<typeof prometheusApi>, nowMs: number, rangeMs: number): Promise<string[]> {
  const lines: string[] = [];
  for (const q of p.queries.filter((x) => x.series === 0 || x.error)) {
    const empty = q.error ? [] : describeSelectors(await selectorData(api, q.expr, nowMs, rangeMs));
    lines.push(`${q.refId} (${q.kind}): ${q.error ?? 'no series with a value'}${empty.length ? `; ${empty.join('; ')}` : ''}: ${q.expr}`);
  }
  return lines;
}

/** Counts per verdict, e.g. `12 fed, 3 declared`. */
export function countVerdicts(items: readonly DataItem[]): Partial<Record<DataVerdict, number>> {
  const counts: Partial<Record<DataVerdict, number>> = {};
  for (const i of items) counts[i.verdict] = (counts[i.verdict] ?? 0) + 1;
  return counts;
}

/** The failures: items without data and not declared, stale declarations, declarations matching nothing. */
export function dataProblems(report: EnvironmentDataReport): string[] {
  const items = [...report.panels, ...report.rules];
  return [
    ...items.filter((i) => i.verdict === 'no-data').map((i) => `${report.environment}: ${i.name} has no data: ${i.detail.join(' | ')}`),
    ...items
      .filter((i) => i.verdict === 'declared-but-fed')
      .map((i) => `${report.environment}: ${i.name} is declared without a source ("${i.why}") but has data: remove the declaration`),
    ...report.unmatched.map((w) => `${report.environment}: the declaration ${JSON.stringify(w)} matches no panel or rule`),
  ];
}

/** A summary line per kind, then one line per declared and per non-Prometheus item. */
export function describeEnvironmentData(report: EnvironmentDataReport): string[] {
  const summary = (kind: string, items: readonly DataItem[]) =>
    `${report.environment}: ${items.length} ${kind}: ${Object.entries(countVerdicts(items))
      .map(([v, n]) => `${n} ${v}`)
      .join(', ')}`;
  return [
    summary('panels', report.panels),
    summary('rules', report.rules),
    ...[...report.panels, ...report.rules]
      .filter((i) => i.verdict !== 'fed')
      // A declared item's empty queries are expected: its why says enough.
      .map(
        (i) =>
          `  ${i.verdict.toUpperCase()} ${i.name}${i.why ? `: ${i.why}` : ''}${i.verdict === 'no-data' ? ` :: ${i.detail.join(' | ')}` : ''}`,
      ),
  ];
}
