import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Prometheus metric types as a /metrics endpoint declares them (`# TYPE`). */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

/** One metric family as the component exposes it: histograms and summaries by their base name. */
export interface CatalogueMetric {
  readonly type: MetricType;
  /** Label names of its series, besides `le` (histogram buckets) and `quantile` (summaries). */
  readonly labels: readonly string[];
  /** kube-state-metrics: the resource (`pods`, `nodes`…) whose `--resources` entry enables it. */
  readonly resource?: string;
}

/** What one component exposes, with where the list comes from. */
export interface Catalogue {
  readonly component: string;
  readonly version: string;
  /** `generated: …` (scraped from the real program here) or `documentation: <url>` (the pinned release's docs). */
  readonly source: string;
  readonly notes?: string;
  readonly metrics: Readonly<Record<string, CatalogueMetric>>;
}

export const CATALOGUE_DIR = join(import.meta.dirname, '..', 'catalogues');

/** Every catalogue in libs/metrics-contract/catalogues, by component name. */
export function loadCatalogues(dir = CATALOGUE_DIR): ReadonlyMap<string, Catalogue> {
  const out = new Map<string, Catalogue>();
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const c = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Catalogue;
    out.set(c.component, c);
  }
  return out;
}

/** The series names a family is exposed as (`foo` histogram: `foo_bucket`, `foo_sum`, `foo_count`). */
export function exposedSeriesNames(name: string, type: MetricType): { name: string; extraLabel?: string }[] {
  if (type === 'histogram') return [{ name: `${name}_bucket`, extraLabel: 'le' }, { name: `${name}_sum` }, { name: `${name}_count` }];
  if (type === 'summary') return [{ name, extraLabel: 'quantile' }, { name: `${name}_sum` }, { name: `${name}_count` }];
  return [{ name }];
}

/** Catalogue JSON as written to disk: sorted keys, one family per line block, trailing newline. */
export function renderCatalogue(c: Catalogue): string {
  const metrics = Object.fromEntries(
    Object.keys(c.metrics)
      .sort()
      .map((k) => {
        const m = c.metrics[k]!;
        return [k, { ...(m.resource ? { resource: m.resource } : {}), type: m.type, labels: [...m.labels].sort() }];
      }),
  );
  return `${JSON.stringify({ component: c.component, version: c.version, source: c.source, ...(c.notes ? { notes: c.notes } : {}), metrics }, null, 2)}\n`;
}
