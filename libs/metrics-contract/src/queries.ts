import { parse } from 'yaml';

/** Where a query lives, for messages and declarations. */
export interface QuerySite {
  readonly dashboard?: string;
  readonly panel?: string;
  /** Alert rule title, or a recording rule's record name. */
  readonly rule?: string;
  readonly ruleUid?: string;
  /** e.g. `dashboard envoy-proxy` or `alert rule group envoy-downstream`. */
  readonly resource: string;
  /** e.g. `panel "Downstream latency"` or `rule EnvoyDownstreamLatencyHigh`. */
  readonly field: string;
}

export interface ContractQuery {
  readonly site: QuerySite;
  readonly expr: string;
}

/** A query outside the contract (X-Ray, Loki, Tempo…), listed so skipping it is visible. */
export interface SkippedQuery {
  readonly site: QuerySite;
  readonly datasourceType: string;
}

/** Data source types whose queries are PromQL over what the scrape jobs store. */
export const PROMETHEUS_TYPES: ReadonlySet<string> = new Set(['prometheus', 'grafana-amazonprometheus-datasource']);

export interface DatasourceInfo {
  readonly uid: string;
  readonly type: string;
  readonly isDefault?: boolean;
}

type Obj = Record<string, any>;

function datasourceType(ref: unknown, dashboard: Obj, datasources: readonly DatasourceInfo[]): string {
  const uid = typeof ref === 'string' ? ref : (ref as Obj | undefined)?.uid;
  const type = (ref as Obj | undefined)?.type;
  if (typeof type === 'string' && type !== 'datasource') return type;
  if (typeof uid === 'string') {
    const variable = /^\$\{?(\w+)\}?$/.exec(uid)?.[1];
    if (variable) {
      const v = (dashboard.templating?.list ?? []).find((x: Obj) => x.name === variable && x.type === 'datasource');
      if (v && typeof v.query === 'string') return v.query;
    }
    const ds = datasources.find((d) => d.uid === uid);
    if (ds) return ds.type;
    if (uid === '-- Grafana --' || uid === 'grafana') return 'grafana';
  }
  return datasources.find((d) => d.isDefault)?.type ?? 'unknown';
}

function panelsOf(panels: unknown): Obj[] {
  return ((panels as Obj[]) ?? []).flatMap((p) => [p, ...panelsOf(p.panels)]);
}

/** Panel queries of a dashboard model: PromQL ones to check, the others to skip. */
export function dashboardQueries(
  dashboard: Obj,
  datasources: readonly DatasourceInfo[],
): { queries: ContractQuery[]; skipped: SkippedQuery[] } {
  const queries: ContractQuery[] = [];
  const skipped: SkippedQuery[] = [];
  for (const panel of panelsOf(dashboard.panels)) {
    for (const target of (panel.targets as Obj[]) ?? []) {
      const site = {
        dashboard: String(dashboard.uid),
        panel: String(panel.title ?? ''),
        resource: `dashboard ${dashboard.uid}`,
        field: `panel ${JSON.stringify(panel.title ?? '')}`,
      };
      const type = datasourceType(target.datasource ?? panel.datasource, dashboard, datasources);
      if (!PROMETHEUS_TYPES.has(type)) skipped.push({ site, datasourceType: type });
      else if (typeof target.expr === 'string' && target.expr.trim() !== '') queries.push({ site, expr: target.expr });
    }
  }
  return { queries, skipped };
}

/** Queries of Grafana-managed rule groups (the alert-rule-group artifacts' bodies). */
export function ruleGroupQueries(
  group: Obj,
  datasources: readonly DatasourceInfo[],
): { queries: ContractQuery[]; skipped: SkippedQuery[]; records: string[] } {
  const queries: ContractQuery[] = [];
  const skipped: SkippedQuery[] = [];
  const records: string[] = [];
  for (const rule of (group.rules as Obj[]) ?? []) {
    const record = typeof rule.record === 'object' ? rule.record?.metric : undefined;
    if (record) records.push(record);
    const site = {
      rule: String(rule.title),
      ruleUid: typeof rule.uid === 'string' ? rule.uid : undefined,
      resource: `alert rule group ${group.title ?? rule.ruleGroup}`,
      field: `rule ${rule.title}`,
    };
    for (const q of (rule.data as Obj[]) ?? []) {
      if (q.datasourceUid === '__expr__') continue;
      const type = datasourceType(q.model?.datasource ?? q.datasourceUid, {}, datasources);
      if (!PROMETHEUS_TYPES.has(type)) skipped.push({ site, datasourceType: type });
      else if (typeof q.model?.expr === 'string') queries.push({ site, expr: q.model.expr });
    }
  }
  return { queries, skipped, records };
}

/** Queries and recorded names of a Prometheus rule file (`groups: [{ name, rules: [{ alert|record, expr }] }]`). */
export function prometheusRuleFileQueries(yaml: string): { queries: ContractQuery[]; records: string[] } {
  const doc = (parse(yaml) ?? {}) as Obj;
  const queries: ContractQuery[] = [];
  const records: string[] = [];
  for (const g of (doc.groups as Obj[]) ?? []) {
    for (const r of (g.rules as Obj[]) ?? []) {
      const name = String(r.alert ?? r.record);
      if (r.record) records.push(String(r.record));
      queries.push({ site: { rule: name, resource: `prometheus rule group ${g.name}`, field: `rule ${name}` }, expr: String(r.expr) });
    }
  }
  return { queries, records };
}
