import { Size, Unit, heatmapPanel, percentileLabel, promHeatmap, promQuery, textPanel, timeseriesPanel } from '@o11y/grafana-kit';
import type { SampleAppConfig } from './config.js';
import * as q from './queries.js';

/** Every panel looks at the picked datapoints. */
const on = q.dashboardScope;

/** Grafana's "counts/sec": the counters grow by random fractions, not by requests or operations. */
const COUNTS_PER_SECOND = 'cps';
/** The app's observations are plain numbers drawn from N(0.18, 0.5): no physical unit. */
const VALUE = Unit.none;

const perDatapoint = 'datapoint {{datapoint_id}}';

export const SOURCE_URL = 'https://github.com/aws-observability/aws-otel-community/tree/master/sample-apps/prometheus-sample-app';

export const source = () =>
  textPanel(
    'Source',
    `Metrics of the [Prometheus sample app](${SOURCE_URL}) (ADOT collector on EKS Fargate → Amazon Managed Service for Prometheus). ` +
      'Pick the metric index with **Metric**: every panel follows `test_counterN`, `test_gaugeN`, `test_histogramN` and `test_summaryN` of that index.',
  );

export const counterRate = (c: SampleAppConfig) =>
  timeseriesPanel(
    'Counter ${metric} rate',
    COUNTS_PER_SECOND,
    'Per-second increase of test_counterN; each tick adds a random value in [0, 1).',
  )
    .withTarget(promQuery(q.counterRate(on(c)), perDatapoint))
    .span(Size.third.w);

export const gauge = (c: SampleAppConfig) =>
  timeseriesPanel('Gauge ${metric}', VALUE, 'test_gaugeN is set to a random value in [0, 1) each tick.')
    .withTarget(promQuery(q.gaugeValue(on(c)), perDatapoint, 'A'))
    .withTarget(promQuery(q.halfAverageGauge(on(c)), 'average / 2', 'B'))
    .span(Size.third.w);

export const gaugeRatio = (c: SampleAppConfig) =>
  timeseriesPanel('Gauge ${metric} / gauge ${ratioTo}', Unit.ratio, 'The picked gauge as a share of the gauge picked in "Ratio to gauge".')
    .withTarget(promQuery(q.gaugeRatio(on(c)), perDatapoint))
    .span(Size.third.w);

export const histogramPercentiles = (c: SampleAppConfig) => {
  const above = `share above ${c.histogramTopBucket} (top bucket)`;
  const p = timeseriesPanel(
    'Histogram ${metric} percentiles',
    VALUE,
    `Interpolated within the app's fixed buckets (0.1, 0.5, ${c.histogramTopBucket}), so values are coarse. A percentile above ${c.histogramTopBucket} cannot be told apart from ${c.histogramTopBucket}, hence no p99 here (see the summary's 0.99 quantile); the right axis shows the share of observations above the top bucket.`,
  );
  c.quantiles.forEach((quantile, i) =>
    p.withTarget(promQuery(q.histogramPercentile(on(c), quantile), percentileLabel(quantile), refId(i))),
  );
  return p
    .withTarget(promQuery(q.histogramAboveTopBucket(on(c), c.histogramTopBucket), above, refId(c.quantiles.length)))
    .overrideByName(above, [
      { id: 'unit', value: Unit.ratio },
      { id: 'custom.axisPlacement', value: 'right' },
    ]);
};

export const histogramHeatmap = (c: SampleAppConfig) =>
  heatmapPanel('Histogram ${metric} buckets', VALUE, 'Observations per bucket (upper bound le) and interval.').withTarget(
    promHeatmap(q.histogramBuckets(on(c)), 'A'),
  );

export const summaryQuantiles = (c: SampleAppConfig) => {
  const p = timeseriesPanel('Summary ${metric} quantiles', VALUE, 'Quantiles computed by the app over a 10-minute window.');
  c.summaryQuantiles.forEach((quantile, i) =>
    p.withTarget(promQuery(q.summaryQuantile(on(c), quantile), `${percentileLabel(Number(quantile))} ${perDatapoint}`, refId(i))),
  );
  return p.span(Size.third.w);
};

export const meanObservation = (c: SampleAppConfig) =>
  timeseriesPanel('Mean observation', VALUE, 'Sum over count: histogram and summary observe the same values.')
    .withTarget(promQuery(q.histogramMean(on(c)), 'histogram ${metric}', 'A'))
    .withTarget(promQuery(q.summaryMean(on(c)), 'summary ${metric}', 'B'))
    .span(Size.third.w);

export const observationRate = (c: SampleAppConfig) =>
  timeseriesPanel('Observation rate', COUNTS_PER_SECOND)
    .withTarget(promQuery(q.histogramObservationRate(on(c)), 'histogram ${metric}', 'A'))
    .withTarget(promQuery(q.summaryObservationRate(on(c)), 'summary ${metric}', 'B'))
    .span(Size.third.w);

const refId = (i: number) => String.fromCharCode(65 + i);
