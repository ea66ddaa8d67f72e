import type { MetricType } from './catalogue.js';
import type { StoreNaming } from './pipelines.js';

/**
 * The name a scraped series is stored under. `with-suffixes` follows the prometheusremotewrite exporter of the
 * pinned collector (v0.165, github.com/prometheus/otlptranslator MetricNamer): the prometheus receiver turns a
 * family into one OTLP metric (histograms and summaries by their base name), and the exporter splits the name into
 * tokens at every character outside [a-zA-Z0-9:], drops every `total` token of a counter and appends one, then
 * re-joins with `_`. Units are empty for text-format targets, so no unit suffix is added.
 */
export function storedName(family: string, type: MetricType, naming: StoreNaming): string {
  if (naming === 'as-exposed') return family;
  const tokens = family.split(/[^a-zA-Z0-9:]+/).filter((t) => t !== '');
  const name = (type === 'counter' ? [...tokens.filter((t) => t !== 'total'), 'total'] : tokens).join('_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
