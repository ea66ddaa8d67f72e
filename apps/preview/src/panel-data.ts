import { findVariableReferences } from '@o11y/grafana-model';
import {
  datasourceOfTarget,
  queryPanels,
  type DashboardJson,
  type DatasourceJson,
  type QueryPanel,
  type Target,
} from './dashboard-model.js';
import { framesWithData, type DsQuery, type GrafanaQueryApi } from './grafana-ds-query.js';
import { interpolateVariables, type ResolvedVariable } from './grafana-interpolate.js';
import {
  BACKEND_MACROS,
  parseDuration,
  queryTiming,
  substituteFrontendMacros,
  substituteMacros,
  type QueryTiming,
} from './grafana-time.js';
import { resolveVariables } from './grafana-variables.js';
import { panelsWithoutLocalSource, type NoLocalSourcePanel } from './no-local-source.js';
import { prometheusApi, seriesWithData, type PrometheusApi } from './prometheus-api.js';

/** The built dashboards and data sources of an environment. */
export interface EnvironmentDashboards {
  readonly dashboards: readonly DashboardJson[];
  readonly datasources: readonly DatasourceJson[];
}

export interface PanelCheckOptions {
  /** Dashboard time range: the last `rangeMs`. @default 20 s */
  readonly rangeMs?: number;
  readonly now?: () => number;
  /**
   * The data source's "Scrape interval" setting; Grafana derives $__interval and $__rate_interval from it,
   * not from the server's real interval. @default the data source's jsonData.timeInterval, else 15s
   */
  readonly scrapeInterval?: string;
  /** Panel maxDataPoints when the panel sets none (Grafana uses the panel's pixel width). @default 1000 */
  readonly maxDataPoints?: number;
  /** Panels declared empty; @default panelsWithoutLocalSource of the dashboards. */
  readonly noLocalSource?: readonly NoLocalSourcePanel[];
  /**
   * A Grafana the dashboards are published to: each panel's queries go through its /api/ds/query, so
   * Grafana substitutes $__interval, $__rate_interval and $__range with the data source's own scrape
   * interval (`scrapeInterval` does not apply). Without it, the check emulates that and asks Prometheus.
   */
  readonly grafana?: { readonly api: GrafanaQueryApi; readonly description: string };
}

export interface QueryCheck {
  readonly refId: string;
  /** The PromQL sent, after variable and macro substitution. */
  readonly expr: string;
  readonly kind: 'range' | 'instant';
  /** Series with at least one finite value. */
  readonly series: number;
  readonly error?: string;
}

export interface PanelCheck {
  readonly dashboardUid: string;
  readonly panelId: number;
  /** Title with variables replaced by their text, as Grafana shows it (raw for panels without a local source). */
  readonly title: string;
  readonly status: 'data' | 'no-data' | 'no-local-source';
  readonly reason?: string;
  readonly queries: readonly QueryCheck[];
}

export interface PanelCheckReport {
  /** Where the queries went: "against a real Prometheus" or "through <grafana>'s /api/ds/query". */
  readonly via: string;
  readonly panels: readonly PanelCheck[];
  /** Panels queried (excludes those without a local source). */
  readonly checked: number;
  readonly queries: number;
  readonly failures: readonly PanelCheck[];
  readonly noLocalSource: readonly PanelCheck[];
}

/**
 * Runs every query of every panel with the dashboard's default variable values, through a Grafana's
 * /api/ds/query or (without one) straight to Prometheus as Grafana would, and reports per panel whether
 * at least one series with a value came back. Query variables are resolved against `prometheusUrl`.
 */
export async function checkPanelData(
  env: EnvironmentDashboards,
  prometheusUrl: string,
  options: PanelCheckOptions = {},
): Promise<PanelCheckReport> {
  const api = prometheusApi(prometheusUrl);
  const nowMs = (options.now ?? Date.now)();
  const rangeMs = options.rangeMs ?? 20_000;
  const declared = options.noLocalSource ?? panelsWithoutLocalSource(env.dashboards, env.datasources);
  const panels: PanelCheck[] = [];

  for (const dashboard of env.dashboards) {
    const queried = queryPanels(dashboard);
    const skipped = (p: QueryPanel) => declared.find((n) => n.dashboardUid === dashboard.uid && n.panelId === p.id);
    let variables = new Map<string, ResolvedVariable>();
    let variableError: string | undefined;
    try {
      variables = await resolveVariables(dashboard, { api, datasources: env.datasources, startMs: nowMs - rangeMs, endMs: nowMs });
    } catch (e) {
      // Only matters for panels to query; the others just keep their raw titles.
      variableError = `variables: ${(e as Error).message}`;
    }
    for (const panel of queried) {
      const none = skipped(panel);
      if (none) {
        // Listed as defined: without data, a title like "Trace ${traceId}" reads better raw.
        panels.push({
          dashboardUid: dashboard.uid,
          panelId: panel.id,
          title: panel.title,
          status: 'no-local-source',
          reason: none.reason,
          queries: [],
        });
        continue;
      }
      const title = safeText(panel.title, variables);
      const targets = panel.targets.filter((t) => !t.hide);
      let queries: QueryCheck[] = [];
      if (variableError) {
        queries = targets.map((t) => ({ refId: t.refId, expr: String(t.expr ?? ''), kind: 'range', series: 0, error: variableError }));
      } else if (options.grafana) {
        queries = await checkPanelThroughGrafana(options.grafana.api, targets, {
          env,
          dashboard,
          panel,
          variables,
          nowMs,
          rangeMs,
          options,
        });
      } else {
        for (const target of targets)
          queries.push(...(await checkTarget({ api, env, dashboard, panel, target, variables, nowMs, rangeMs, options })));
      }
      const ok = queries.length > 0 && queries.every((q) => q.series > 0 && !q.error);
      panels.push({ dashboardUid: dashboard.uid, panelId: panel.id, title, status: ok ? 'data' : 'no-data', queries });
    }
  }
  const checkedPanels = panels.filter((p) => p.status !== 'no-local-source');
  return {
    via: options.grafana ? `through ${options.grafana.description}'s /api/ds/query` : 'against a real Prometheus',
    panels,
    checked: checkedPanels.length,
    queries: checkedPanels.reduce((n, p) => n + p.queries.length, 0),
    failures: checkedPanels.filter((p) => p.status === 'no-data'),
    noLocalSource: panels.filter((p) => p.status === 'no-local-source'),
  };
}

interface PanelContext {
  readonly env: EnvironmentDashboards;
  readonly dashboard: DashboardJson;
  readonly panel: QueryPanel;
  readonly variables: ReadonlyMap<string, ResolvedVariable>;
  readonly nowMs: number;
  readonly rangeMs: number;
  readonly options: PanelCheckOptions;
}

interface TargetContext extends PanelContext {
  readonly api: PrometheusApi;
  readonly target: Target;
}

type QueryKind = 'range' | 'instant';

/** A target ready to run: its Prometheus data source, Grafana's timing, variables replaced. */
interface PreparedTarget {
  readonly target: Target;
  readonly ds: DatasourceJson;
  readonly timing: QueryTiming;
  readonly expr: string;
  /** Range, instant, or both when the target asks for both (as Grafana runs them). */
  readonly kinds: readonly QueryKind[];
}

const kindsOf = (target: Target): QueryKind[] => (target.instant ? (target.range ? ['range', 'instant'] : ['instant']) : ['range']);

/**
 * Variables replaced as Grafana's frontend does; then either every macro as promlib would (`macros:
 * 'all'`, for Prometheus directly) or only the frontend's (`'frontend'`, for /api/ds/query).
 */
function prepareTarget(c: PanelContext, target: Target, macros: 'all' | 'frontend'): PreparedTarget {
  const ds = datasourceOfTarget(c.dashboard, c.panel, target, c.env.datasources);
  if (ds?.type !== 'prometheus') throw new Error(`data source ${ds?.uid ?? '?'} is not Prometheus`);
  // Through Grafana the data source's own setting applies; the override only tunes the emulation.
  const scrapeInterval = (macros === 'all' ? c.options.scrapeInterval : undefined) ?? ds.jsonData?.timeInterval ?? '15s';
  const timing = queryTiming({
    nowMs: c.nowMs,
    rangeMs: c.rangeMs,
    scrapeIntervalMs: parseDuration(scrapeInterval),
    minIntervalMs: c.panel.interval ? parseDuration(c.panel.interval) : undefined,
    maxDataPoints: c.panel.maxDataPoints ?? c.options.maxDataPoints ?? 1000,
  });
  const interpolated = interpolateVariables(String(target.expr ?? ''), c.variables);
  const expr = macros === 'all' ? substituteMacros(interpolated, timing) : substituteFrontendMacros(interpolated, timing);
  const leftover = findVariableReferences(expr).find((r) => macros === 'all' || !BACKEND_MACROS.includes(r.name));
  if (leftover) throw new Error(`"${leftover.text}" was not substituted`);
  return { target, ds, timing, expr, kinds: kindsOf(target) };
}

/** One target straight to Prometheus: the emulation of Grafana's backend. */
async function checkTarget(c: TargetContext): Promise<QueryCheck[]> {
  const { api, target } = c;
  let expr = String(target.expr ?? '');
  let kinds = kindsOf(target);
  try {
    const prepared = prepareTarget(c, target, 'all');
    ({ expr, kinds } = { expr: prepared.expr, kinds: [...prepared.kinds] });
    const { timing } = prepared;
    const results: QueryCheck[] = [];
    for (const kind of kinds) {
      const series =
        kind === 'instant'
          ? await api.query(expr, timing.endMs)
          : await api.queryRange(expr, timing.startMs, timing.endMs, timing.intervalMs);
      results.push({ refId: target.refId, expr, kind, series: seriesWithData(series) });
    }
    return results;
  } catch (e) {
    return kinds.map((kind) => ({ refId: target.refId, expr, kind, series: 0, error: (e as Error).message }));
  }
}

/** The refId Grafana's Prometheus frontend gives the instant half of a "Both" query. */
const INSTANT_SUFFIX = '-Instant';

/**
 * A panel's targets in one `POST /api/ds/query`, shaped as Grafana's Prometheus frontend sends them:
 * variables replaced, promlib's macros left for Grafana, "Both" split into a range and an `-Instant` query.
 */
async function checkPanelThroughGrafana(api: GrafanaQueryApi, targets: readonly Target[], c: PanelContext): Promise<QueryCheck[]> {
  const checks: QueryCheck[] = [];
  const sent: { prepared: PreparedTarget; kind: QueryKind; refId: string }[] = [];
  let timing: QueryTiming | undefined;
  for (const target of targets) {
    try {
      const prepared = prepareTarget(c, target, 'frontend');
      timing ??= prepared.timing;
      for (const kind of prepared.kinds)
        sent.push({
          prepared,
          kind,
          refId: kind === 'instant' && prepared.kinds.length > 1 ? `${target.refId}${INSTANT_SUFFIX}` : target.refId,
        });
    } catch (e) {
      for (const kind of kindsOf(target))
        checks.push({ refId: target.refId, expr: String(target.expr ?? ''), kind, series: 0, error: (e as Error).message });
    }
  }
  if (sent.length === 0) return checks;
  const queries: DsQuery[] = sent.map(({ prepared: p, kind, refId }) => ({
    refId,
    datasource: { uid: p.ds.uid, type: p.ds.type },
    expr: p.expr,
    range: kind === 'range',
    instant: kind === 'instant',
    intervalMs: p.timing.intervalMs,
    maxDataPoints: c.panel.maxDataPoints ?? c.options.maxDataPoints ?? 1000,
    ...(typeof p.target.interval === 'string' && p.target.interval
      ? { interval: interpolateVariables(p.target.interval, c.variables) }
      : {}),
    ...(typeof p.target.legendFormat === 'string' ? { legendFormat: p.target.legendFormat } : {}),
    ...(typeof p.target.format === 'string' ? { format: p.target.format } : {}),
    utcOffsetSec: 0,
    exemplar: false,
  }));
  try {
    const results = await api.query({ from: String(timing!.fromMs), to: String(timing!.toMs), queries });
    for (const { prepared, kind, refId } of sent) {
      const r = results[refId];
      // "Expr: <query as run>\nStep: <step>": what Grafana made of the macros.
      const executed = /^Expr: (.*)$/m.exec(r?.frames?.[0]?.schema?.meta?.executedQueryString ?? '')?.[1];
      checks.push({
        refId: prepared.target.refId,
        expr: executed ?? prepared.expr,
        kind,
        series: framesWithData(r?.frames),
        ...(r === undefined ? { error: `no result for refId ${refId}` } : r.error ? { error: r.error } : {}),
      });
    }
  } catch (e) {
    for (const { prepared, kind } of sent)
      checks.push({ refId: prepared.target.refId, expr: prepared.expr, kind, series: 0, error: (e as Error).message });
  }
  return checks;
}

function safeText(text: string, variables: ReadonlyMap<string, ResolvedVariable>): string {
  try {
    return interpolateVariables(text, variables, 'text');
  } catch {
    return text;
  }
}

/** The one-line result the e2e test prints, then one line per failing query. */
export function describePanelCheck(report: PanelCheckReport): string[] {
  const empty = report.noLocalSource.map((p) => `${p.dashboardUid}/"${p.title}"`);
  const lines = [
    `checked ${report.checked} panels (${report.queries} queries) ${report.via}; ${report.noLocalSource.length} panels have no local source` +
      (empty.length ? `: ${empty.join(', ')}` : ''),
  ];
  for (const p of report.failures) {
    for (const q of p.queries.filter((x) => x.series === 0 || x.error)) {
      lines.push(
        `  NO DATA ${p.dashboardUid} panel ${p.panelId} "${p.title}" ${q.refId} (${q.kind}): ${q.error ?? 'no series with a value'}: ${q.expr}`,
      );
    }
  }
  return lines;
}
