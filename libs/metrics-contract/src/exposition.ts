import type { CatalogueMetric, MetricType } from './catalogue.js';

const TYPES: readonly MetricType[] = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];

/**
 * Metric families of a Prometheus text exposition: name, declared type and the union of label names
 * (without `le`/`quantile`). Samples without a `# TYPE` line count as untyped.
 */
export function parseExposition(text: string): Record<string, CatalogueMetric> {
  const types = new Map<string, MetricType>();
  const labels = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const typeLine = /^# TYPE (\S+) (\S+)/.exec(line);
    if (typeLine) {
      const t = typeLine[2] as MetricType;
      types.set(typeLine[1]!, TYPES.includes(t) ? t : 'untyped');
      labels.set(typeLine[1]!, labels.get(typeLine[1]!) ?? new Set());
      continue;
    }
    if (line.startsWith('#') || line.trim() === '') continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s/.exec(line);
    if (!sample) continue;
    const family = familyOf(sample[1]!, types);
    const set = labels.get(family) ?? new Set<string>();
    labels.set(family, set);
    if (!types.has(family)) types.set(family, 'untyped');
    for (const m of (sample[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*"/g)) {
      if (m[1] !== 'le' && m[1] !== 'quantile') set.add(m[1]!);
    }
  }
  const out: Record<string, CatalogueMetric> = {};
  for (const [name, type] of types) out[name] = { type, labels: [...(labels.get(name) ?? [])].sort() };
  return out;
}

// A `_bucket`/`_sum`/`_count` sample belongs to the histogram or summary of its base name.
function familyOf(series: string, types: ReadonlyMap<string, MetricType>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!series.endsWith(suffix)) continue;
    const base = series.slice(0, -suffix.length);
    const t = types.get(base);
    if (t === 'histogram' || (t === 'summary' && suffix !== '_bucket')) return base;
  }
  return series;
}
