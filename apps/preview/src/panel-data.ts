import {
  datasourceOfTarget,
  queryPanels,
  type DashboardJson,
  type DatasourceJson,
  type QueryPanel,
  type Target,
} from './dashboard-model.js';
import { interpolateVariables, type ResolvedVariable } from './grafana-interpolate.js';
import { parseDuration, queryTiming, substituteMacros } from './grafana-time.js';
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
  readonly panels: readonly PanelCheck[];
  /** Panels queried (excludes those without a local source). */
  readonly checked: number;
  readonly queries: number;
  readonly failures: readonly PanelCheck[];
  readonly noLocalSource: readonly PanelCheck[];
}

/**
 * Sends every query of every panel to a real Prometheus, as Grafana would with the dashboard's default
 * variable values, and reports per panel whether at least one series with a value came back.
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
      const queries: QueryCheck[] = [];
      for (const target of panel.targets.filter((t) => !t.hide)) {
        if (variableError) {
          queries.push({ refId: target.refId, expr: String(target.expr ?? ''), kind: 'range', series: 0, error: variableError });
          continue;
        }
        queries.push(...(await checkTarget({ api, env, dashboard, panel, target, variables, nowMs, rangeMs, options })));
      }
      const ok = queries.length > 0 && queries.every((q) => q.series > 0 && !q.error);
      panels.push({ dashboardUid: dashboard.uid, panelId: panel.id, title, status: ok ? 'data' : 'no-data', queries });
    }
  }
  const checkedPanels = panels.filter((p) => p.status !== 'no-local-source');
  return {
    panels,
    checked: checkedPanels.length,
    queries: checkedPanels.reduce((n, p) => n + p.queries.length, 0),
    failures: checkedPanels.filter((p) => p.status === 'no-data'),
    noLocalSource: panels.filter((p) => p.status === 'no-local-source'),
  };
}

interface TargetContext {
  readonly api: PrometheusApi;
  readonly env: EnvironmentDashboards;
  readonly dashboard: DashboardJson;
  readonly panel: QueryPanel;
  readonly target: Target;
  readonly variables: ReadonlyMap<string, ResolvedVariable>;
  readonly nowMs: number;
  readonly rangeMs: number;
  readonly options: PanelCheckOptions;
}

/** One target: an instant query, a range query, or both when the target asks for both (as Grafana runs them). */
async function checkTarget(c: TargetContext): Promise<QueryCheck[]> {
  const { api, target } = c;
  const kinds: ('range' | 'instant')[] = target.instant ? (target.range ? ['range', 'instant'] : ['instant']) : ['range'];
  const ds = datasourceOfTarget(c.dashboard, c.panel, target, c.env.datasources);
  let expr = String(target.expr ?? '');
  try {
    if (ds?.type !== 'prometheus') throw new Error(`data source ${ds?.uid ?? '?'} is not Prometheus`);
    const timing = queryTiming({
      nowMs: c.nowMs,
      rangeMs: c.rangeMs,
      scrapeIntervalMs: parseDuration(c.options.scrapeInterval ?? ds.jsonData?.timeInterval ?? '15s'),
      minIntervalMs: c.panel.interval ? parseDuration(c.panel.interval) : undefined,
      maxDataPoints: c.panel.maxDataPoints ?? c.options.maxDataPoints ?? 1000,
    });
    expr = substituteMacros(interpolateVariables(expr, c.variables), timing);
    const leftover = /\$\{?\w+/.exec(expr);
    if (leftover) throw new Error(`"${leftover[0]}" was not substituted`);
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
    `checked ${report.checked} panels (${report.queries} queries) against a real Prometheus; ${report.noLocalSource.length} panels have no local source` +
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
