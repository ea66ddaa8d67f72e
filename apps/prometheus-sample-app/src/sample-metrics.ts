import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import type { MetricType, SampleAppOptions } from './flags.js';

/** The Go app's constants (its `normal.mean` / `normal.domain` flags are never parsed). */
export const NORMAL_MEAN = 0.18;
export const NORMAL_SD = 0.5;
export const HISTOGRAM_BUCKETS = [0.1, 0.5, 1] as const;
export const SUMMARY_QUANTILES = [0.1, 0.5, 0.99] as const;
/** client_golang's default summary MaxAge (10 min) and AgeBuckets (5). */
export const SUMMARY_MAX_AGE_SECONDS = 600;
export const SUMMARY_AGE_BUCKETS = 5;

/** Sources of randomness, injectable so specs can pin the values. */
export interface RandomSource {
  /** U[0,1) like Go's rand.Float64. */
  uniform(): number;
  /** N(0,1) like Go's rand.NormFloat64. */
  standardNormal(): number;
}

export const mathRandom: RandomSource = {
  uniform: () => Math.random(),
  // Box-Muller; 1 - U keeps the logarithm finite.
  standardNormal: () => Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random()),
};

type UpdatedType = Exclude<MetricType, 'all'>;
const TYPES: readonly UpdatedType[] = ['counter', 'gauge', 'histogram', 'summary'];

/** The registry and one update per type; `start` runs the update loops. */
export interface SampleMetrics {
  readonly registry: Registry;
  /** Types registered (all four for metric_type=all). */
  readonly types: readonly UpdatedType[];
  /** One tick of one type's loop: every metric, every datapoint. */
  update(type: UpdatedType): void;
  /** Starts one loop per type; each sleeps first, then updates, like the Go goroutines. Returns a stop function. */
  start(): () => void;
}

/** A custom registry (no process or runtime metrics) with the sample app's metrics, empty until the first tick. */
export function createSampleMetrics(options: SampleAppOptions, random: RandomSource = mathRandom): SampleMetrics {
  const registry = new Registry();
  const constantLabels = Object.fromEntries(Array.from({ length: options.labelCount }, (_, i) => [`foo_${i}`, `bar_${i}`]));
  const labelNames = ['datapoint_id', ...Object.keys(constantLabels)];
  const datapoints = Array.from({ length: options.datapointCount }, (_, d) => ({ datapoint_id: String(d), ...constantLabels }));
  const indexes = Array.from({ length: options.metricCount }, (_, i) => i);
  const types = options.metricType === 'all' ? TYPES : [options.metricType];
  const observation = () => NORMAL_MEAN + NORMAL_SD * random.standardNormal();

  const updates = new Map<UpdatedType, () => void>();
  if (types.includes('counter')) {
    // Named without `_total`: client_golang's text format exposes the name as given, and so does prom-client.
    const counters = indexes.map(
      (i) => new Counter({ name: `test_counter${i}`, help: 'This is my counter', labelNames, registers: [registry] }),
    );
    updates.set('counter', () => counters.forEach((c) => datapoints.forEach((l) => c.inc(l, random.uniform()))));
  }
  if (types.includes('gauge')) {
    const gauges = indexes.map((i) => new Gauge({ name: `test_gauge${i}`, help: 'This is my gauge', labelNames, registers: [registry] }));
    updates.set('gauge', () => gauges.forEach((g) => datapoints.forEach((l) => g.set(l, random.uniform()))));
  }
  if (types.includes('histogram')) {
    const histograms = indexes.map(
      (i) =>
        new Histogram({
          name: `test_histogram${i}`,
          help: 'This is my histogram',
          labelNames,
          buckets: [...HISTOGRAM_BUCKETS],
          registers: [registry],
        }),
    );
    updates.set('histogram', () => histograms.forEach((h) => datapoints.forEach((l) => h.observe(l, observation()))));
  }
  if (types.includes('summary')) {
    const summaries = indexes.map(
      (i) =>
        new Summary({
          name: `test_summary${i}`,
          help: 'This is my summary',
          labelNames,
          percentiles: [...SUMMARY_QUANTILES],
          maxAgeSeconds: SUMMARY_MAX_AGE_SECONDS,
          ageBuckets: SUMMARY_AGE_BUCKETS,
          registers: [registry],
        }),
    );
    updates.set('summary', () => summaries.forEach((s) => datapoints.forEach((l) => s.observe(l, observation()))));
  }

  const update = (type: UpdatedType) => updates.get(type)?.();
  return {
    registry,
    types,
    update,
    start() {
      // setInterval waits one period before its first call: the Go loops sleep first, too.
      const timers = types.map((t) => setInterval(() => update(t), options.metricFrequencySeconds * 1000));
      return () => timers.forEach((t) => clearInterval(t));
    },
  };
}
