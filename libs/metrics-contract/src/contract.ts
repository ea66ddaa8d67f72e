import type { ChartArtifact, EnvironmentDefinition, Problem } from '@o11y/environment';
import { loadCatalogues, type Catalogue } from './catalogue.js';
import { applyDeclarations, queryProblems, type WithoutSource } from './check.js';
import { chartObjects, chartScrapeJobs, collectorScrapeJobs, type ContractScrapeJob } from './pipelines.js';
import { kubeStateMetricsArgs, producedSeries, type ProducedSeries } from './produced.js';
import { dashboardQueries, prometheusRuleFileQueries, ruleGroupQueries, type ContractQuery, type SkippedQuery } from './queries.js';
import { scrapedTargets, type ScrapedTarget } from './targets.js';

/** What the build hands the contract: the environment's built artifacts (after validation and compilation). */
export interface ContractArtifacts {
  readonly dashboards: readonly Record<string, unknown>[];
  /** Bodies of the alert-rule-group resources (Grafana-managed rules). */
  readonly ruleGroups: readonly Record<string, unknown>[];
  /** Prometheus rule files (where the backend evaluates rules). */
  readonly prometheusRuleFiles: readonly { name: string; yaml: string }[];
  readonly charts: readonly ChartArtifact[];
}

/** What an environment's pipelines produce: its scrape jobs, their targets and the series stored. */
export interface EnvironmentSupply {
  readonly jobs: readonly ContractScrapeJob[];
  readonly targets: readonly ScrapedTarget[];
  readonly series: readonly ProducedSeries[];
}

export function environmentSupply(
  env: Pick<EnvironmentDefinition, 'metricsPipelines'>,
  charts: readonly ChartArtifact[],
  catalogues: ReadonlyMap<string, Catalogue> = loadCatalogues(),
): EnvironmentSupply {
  const objects = chartObjects(charts);
  const jobs = [...chartScrapeJobs(objects), ...(env.metricsPipelines?.() ?? []).flatMap((p) => collectorScrapeJobs(p.config, p.name))];
  const targets = scrapedTargets(jobs, objects);
  const ksmContainer = objects
    .flatMap((o) => ((o.spec as any)?.template?.spec?.containers ?? []) as { image?: string; args?: string[] }[])
    .find((c) => /kube-state-metrics/.test(c.image ?? ''));
  return { jobs, targets, series: producedSeries(targets, catalogues, kubeStateMetricsArgs(ksmContainer?.args ?? [])) };
}

export interface ContractResult {
  readonly problems: Problem[];
  /** PromQL queries checked. */
  readonly checked: number;
  readonly skipped: readonly SkippedQuery[];
  readonly supply: EnvironmentSupply;
}

/**
 * Checks every panel and rule query of the environment against what its pipelines produce. Problems are one line
 * each, located at `file` (the environment's folder); declared panels and rules are left out.
 */
export function checkMetricsContract(
  env: Pick<EnvironmentDefinition, 'metricsPipelines' | 'withoutSource' | 'datasources'>,
  artifacts: ContractArtifacts,
  file: string,
  catalogues?: ReadonlyMap<string, Catalogue>,
): ContractResult {
  const supply = environmentSupply(env, artifacts.charts, catalogues);
  const queries: ContractQuery[] = [];
  const skipped: SkippedQuery[] = [];
  const records: string[] = [];
  for (const d of artifacts.dashboards) {
    const r = dashboardQueries(d, env.datasources);
    queries.push(...r.queries);
    skipped.push(...r.skipped);
  }
  for (const g of artifacts.ruleGroups) {
    const r = ruleGroupQueries(g, env.datasources);
    queries.push(...r.queries);
    skipped.push(...r.skipped);
    records.push(...r.records);
  }
  for (const f of artifacts.prometheusRuleFiles) {
    const r = prometheusRuleFileQueries(f.yaml);
    queries.push(...r.queries);
    records.push(...r.records);
  }
  // Recording rules store series too, with whatever labels their expression keeps.
  const recorded: ProducedSeries[] = records.map((name) => ({ name, labels: new Map(), openLabels: true, from: 'recording rule' }));
  const series = [...supply.series, ...recorded];
  const { remaining, unused } = applyDeclarations(queryProblems(queries, series), env.withoutSource ?? []);
  const problems: Problem[] = remaining.map((p) => ({ file, resource: p.site.resource, field: p.site.field, message: p.message }));
  for (const d of unused)
    problems.push({
      file,
      resource: 'withoutSource',
      field: describe(d),
      message: 'matches no query this environment cannot feed (its panel or rule is fed now, or does not exist): remove it',
    });
  for (const d of env.withoutSource ?? [])
    if (!d.why.trim()) problems.push({ file, resource: 'withoutSource', field: describe(d), message: 'needs a reason (why)' });
  return { problems, checked: queries.length, skipped, supply: { ...supply, series } };
}

function describe(d: WithoutSource): string {
  return d.rule !== undefined
    ? `rule ${JSON.stringify(d.rule)}`
    : `dashboard ${d.dashboard}${d.panel !== undefined ? ` panel ${JSON.stringify(d.panel)}` : ''}`;
}
