import { avgBy, histogramQuantile, increase, matchers, rate, ratio, series, sumBy } from '@o11y/grafana-kit';
import type { SampleAppConfig } from './config.js';

/**
 * The sample app's metrics (aws-otel-community sample-apps/prometheus-sample-app): test_counterN, test_gaugeN, test_histogramN, test_summaryN,
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
export const anyGauge = (c: SampleAppConfig): string => `{${matchers('__name__=~"test_gauge[0-9]+"', c.selector)}}`;

/** What a query looks at: label matchers and the range of its rates (`$__rate_interval` when undefined). */
export interface SampleAppScope {
  readonly selector: string;
  readonly range?: string;
}

/** The dashboard's scope: the configured extra matchers and the picked datapoints. */
export const dashboardScope = (c: SampleAppConfig): SampleAppScope => ({
  selector: matchers(c.selector, `datapoint_id=~"$${DATAPOINT_VARIABLE}"`),
});

/** Scrape health of the app's targets (`up`, written by the scraper): the alerts' queries. */
export const targetUp = (c: SampleAppConfig) => series('up', c.targetSelector);
/** 1 when no target of the app is scraped at all; nothing while one is. */
export const targetAbsent = (c: SampleAppConfig) => `absent(${targetUp(c)})`;

const byDatapoint = ['datapoint_id'];

export const counterRate = (s: SampleAppScope) => sumBy(byDatapoint, rate(counter(), s.selector, s.range));

export const gaugeValue = (s: SampleAppScope) => series(gauge(), s.selector);
/** The recipe's avg(test_gauge5)/2, applied to the picked gauge. */
export const halfAverageGauge = (s: SampleAppScope) => `${avgBy([], gaugeValue(s))} / 2`;
/** One picked gauge over another, per datapoint (the recipe's test_gauge0/test_gauge2*100, shown as a percentage). */
export const gaugeRatio = (s: SampleAppScope) => ratio(series(gauge(), s.selector), series(gauge(`\${${RATIO_VARIABLE}}`), s.selector));

export const histogramPercentile = (s: SampleAppScope, q: number) => histogramQuantile(q, `${histogram()}_bucket`, s.selector, [], s.range);
/** Share of observations above the largest finite bucket, where no quantile can be told apart from that bound. */
export const histogramAboveTopBucket = (s: SampleAppScope, topBucket: number) =>
  `1 - ${ratio(
    sumBy([], rate(`${histogram()}_bucket`, matchers(s.selector, `le="${topBucket}"`), s.range)),
    sumBy([], rate(`${histogram()}_bucket`, matchers(s.selector, 'le="+Inf"'), s.range)),
  )}`;
/** Observations per bucket and interval; Grafana's heatmap format turns the cumulative `le` buckets into bands. */
export const histogramBuckets = (s: SampleAppScope) => sumBy(['le'], increase(`${histogram()}_bucket`, s.selector, s.range));

/** A summary quantile as the app computed it; quantiles of different datapoints cannot be averaged. */
export const summaryQuantile = (s: SampleAppScope, quantile: string) => series(summary(), matchers(s.selector, `quantile="${quantile}"`));

export const histogramObservationRate = (s: SampleAppScope) => sumBy([], rate(`${histogram()}_count`, s.selector, s.range));
export const summaryObservationRate = (s: SampleAppScope) => sumBy([], rate(`${summary()}_count`, s.selector, s.range));

/** Mean observed value over the interval: rate of the sum over rate of the count. */
export const histogramMean = (s: SampleAppScope) =>
  ratio(sumBy([], rate(`${histogram()}_sum`, s.selector, s.range)), sumBy([], rate(`${histogram()}_count`, s.selector, s.range)));
export const summaryMean = (s: SampleAppScope) =>
  ratio(sumBy([], rate(`${summary()}_sum`, s.selector, s.range)), sumBy([], rate(`${summary()}_count`, s.selector, s.range)));
