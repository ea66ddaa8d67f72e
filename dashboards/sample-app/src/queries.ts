import { avgBy, histogramQuantile, increase, matchers, rate, ratio, series, sumBy } from '@o11y/grafana-kit';
import type { SampleAppConfig } from './config.js';

/**
 * The sample app's metrics (ANALYSIS.md §6): test_counterN, test_gaugeN, test_histogramN, test_summaryN,
 * N picked by the `metric` variable. `${metric}` is braced because `$metric_bucket` would name another variable.
 */

export const METRIC_VARIABLE = 'metric';
export const RATIO_VARIABLE = 'ratioTo';
export const DATAPOINT_VARIABLE = 'datapoint';

/** Names of the picked metric of each type. */
export const counter = (index = `\${${METRIC_VARIABLE}}`) => `test_counter${index}`;
export const gauge = (index = `\${${METRIC_VARIABLE}}`) => `test_gauge${index}`;
export const histogram = (index = `\${${METRIC_VARIABLE}}`) => `test_histogram${index}`;
export const summary = (index = `\${${METRIC_VARIABLE}}`) => `test_summary${index}`;

/** Every gauge of the app; the metric indexes are read from their names. */
export const anyGauge = (c: SampleAppConfig): string => `{${matchers('__name__=~"test_gauge[0-9]+"', c.extraSelector)}}`;

/** The matchers every panel applies: the configured extra matchers and the picked datapoints. */
export const selector = (c: SampleAppConfig): string => matchers(c.extraSelector, `datapoint_id=~"$${DATAPOINT_VARIABLE}"`);

const byDatapoint = ['datapoint_id'];

export const counterRate = (c: SampleAppConfig) => sumBy(byDatapoint, rate(counter(), selector(c)));

export const gaugeValue = (c: SampleAppConfig) => series(gauge(), selector(c));
/** The recipe's avg(test_gauge5)/2, applied to the picked gauge. */
export const halfAverageGauge = (c: SampleAppConfig) => `${avgBy([], gaugeValue(c))} / 2`;
/** One picked gauge over another, per datapoint (the recipe's test_gauge0/test_gauge2*100, shown as a percentage). */
export const gaugeRatio = (c: SampleAppConfig) => ratio(series(gauge(), selector(c)), series(gauge(`\${${RATIO_VARIABLE}}`), selector(c)));

export const histogramPercentile = (c: SampleAppConfig, q: number) => histogramQuantile(q, `${histogram()}_bucket`, selector(c));
/** Observations per bucket and interval; Grafana's heatmap format turns the cumulative `le` buckets into bands. */
export const histogramBuckets = (c: SampleAppConfig) => sumBy(['le'], increase(`${histogram()}_bucket`, selector(c)));

/** A summary quantile as the app computed it; quantiles of different datapoints cannot be averaged. */
export const summaryQuantile = (c: SampleAppConfig, quantile: string) => series(summary(), matchers(selector(c), `quantile="${quantile}"`));

export const histogramObservationRate = (c: SampleAppConfig) => sumBy([], rate(`${histogram()}_count`, selector(c)));
export const summaryObservationRate = (c: SampleAppConfig) => sumBy([], rate(`${summary()}_count`, selector(c)));

/** Mean observed value over the interval: rate of the sum over rate of the count. */
export const histogramMean = (c: SampleAppConfig) =>
  ratio(sumBy([], rate(`${histogram()}_sum`, selector(c))), sumBy([], rate(`${histogram()}_count`, selector(c))));
export const summaryMean = (c: SampleAppConfig) =>
  ratio(sumBy([], rate(`${summary()}_sum`, selector(c))), sumBy([], rate(`${summary()}_count`, selector(c))));
