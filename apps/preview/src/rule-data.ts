import type { DatasourceJson } from './dashboard-model.js';
import type { AlertRuleGroupJson, AlertRuleJson } from './environment-artifacts.js';
import { parseDuration, queryTiming, substituteMacros } from './grafana-time.js';
import { prometheusApi, seriesWithData, type PrometheusApi } from './prometheus-api.js';
import { selectorData, type SelectorData } from './selector-data.js';

/** Grafana's server-side expressions: not a data source query. */
const EXPRESSION_UID = '__expr__';

export interface RuleQueryCheck {
  readonly refId: string;
  /** The PromQL run, macros substituted. */
  readonly expr: string;
  /** Series the query itself returned: none is also a healthy rule's answer (`absent()`, `> threshold`). */
  readonly series: number;
  /** Series per selector over the query's time range: a rule is fed when every selector has some. */
  readonly selectors: readonly SelectorData[];
  readonly error?: string;
}

export interface RuleCheck {
  readonly group: string;
  readonly rule: string;
  readonly status: 'fed' | 'not-fed' | 'not-prometheus';
  /** For not-prometheus: the data sources it reads. */
  readonly reason?: string;
  readonly queries: readonly RuleQueryCheck[];
}

export interface RuleCheckOptions {
  readonly now?: () => number;
  /** @default a client for `prometheusUrl` */
  readonly api?: PrometheusApi;
}

/**
 * Runs every Prometheus query of every Grafana-managed rule as Grafana's evaluation would (instant at now, or a
 * range over the query's relative time range), and every series selector in it over that range. A rule is fed
 * when every selector of every query matches series: the query's own result may rightly be empty.
 */
export async function checkRuleData(
  groups: readonly AlertRuleGroupJson[],
  datasources: readonly DatasourceJson[],
  prometheusUrl: string,
  options: RuleCheckOptions = {},
): Promise<RuleCheck[]> {
  const api = options.api ?? prometheusApi(prometheusUrl);
  const nowMs = (options.now ?? Date.now)();
  const out: RuleCheck[] = [];
  for (const group of groups) {
    for (const rule of group.rules) {
      const queries = rule.data.filter((d) => d.datasourceUid !== EXPRESSION_UID);
      const sources = queries.map((q) => datasources.find((d) => d.uid === q.datasourceUid));
      const foreign = sources.filter((d) => d?.type !== 'prometheus');
      if (foreign.length > 0) {
        const names = [...new Set(foreign.map((d) => (d ? `${d.name} (${d.type})` : 'a data source missing from the environment')))];
        out.push({ group: group.title, rule: rule.title, status: 'not-prometheus', reason: names.join(', '), queries: [] });
        continue;
      }
      const checks = await Promise.all(queries.map((q, i) => checkRuleQuery(api, q, sources[i]!, nowMs)));
      const fed = checks.length > 0 && checks.every((c) => !c.error && c.selectors.length > 0 && c.selectors.every((s) => s.series > 0));
      out.push({ group: group.title, rule: rule.title, status: fed ? 'fed' : 'not-fed', queries: checks });
    }
  }
  return out;
}

async function checkRuleQuery(
  api: PrometheusApi,
  query: AlertRuleJson['data'][number],
  ds: DatasourceJson,
  nowMs: number,
): Promise<RuleQueryCheck> {
  const { from = 600, to = 0 } = query.relativeTimeRange ?? {};
  const endMs = nowMs - to * 1000;
  const timing = queryTiming({
    nowMs: endMs,
    rangeMs: (from - to) * 1000,
    scrapeIntervalMs: parseDuration(ds.jsonData?.timeInterval ?? '15s'),
    maxDataPoints: Number(query.model.maxDataPoints ?? 43_200),
    ...(typeof query.model.intervalMs === 'number' ? { minIntervalMs: query.model.intervalMs } : {}),
  });
  const expr = substituteMacros(String(query.model.expr ?? ''), timing);
  try {
    const range = query.model.range === true && query.model.instant !== true;
    const series = range ? await api.queryRange(expr, timing.startMs, timing.endMs, timing.intervalMs) : await api.query(expr, endMs);
    return {
      refId: query.refId,
      expr,
      series: seriesWithData(series),
      selectors: await selectorData(api, expr, endMs, (from - to) * 1000),
    };
  } catch (e) {
    return { refId: query.refId, expr, series: 0, selectors: [], error: (e as Error).message };
  }
}
