import { RowBuilder, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import { defineDashboard, withOverrides, type DashboardDefinition, type DeepPartial } from '@o11y/environment';
import { dashboard, datasourceVariable, labelValuesVariable, projectDashboardsLink, series } from '@o11y/grafana-kit';
import { defaultSampleAppConfig, type SampleAppConfig } from './config.js';
import * as panel from './panels.js';
import { anyGauge, DATAPOINT_VARIABLE, gauge, METRIC_VARIABLE, RATIO_VARIABLE } from './queries.js';

/** Reads N out of test_gaugeN; with metric_type=all every type has the same indexes. */
const METRIC_INDEX = '/^test_gauge([0-9]+)$/';

/** The Prometheus sample app of the ADOT-on-Fargate recipe: one metric index at a time, every metric type. */
export function sampleAppDashboard(overrides: DeepPartial<SampleAppConfig> = {}): DashboardDefinition {
  const c = withOverrides(defaultSampleAppConfig, overrides);
  const metricIndex = (name: string, label: string) =>
    labelValuesVariable(name, anyGauge(c), '__name__', {
      label,
      multi: false,
      includeAll: false,
      regex: METRIC_INDEX,
      sort: VariableSort.NumericalAsc,
    });

  return defineDashboard(
    import.meta.url,
    dashboard({
      uid: c.uid,
      title: c.title,
      description:
        'Counters, gauges, histograms and summaries of the Prometheus sample app (aws-otel-community), scraped by the ADOT collector.',
      tags: ['prometheus', 'adot', 'sample-app'],
    })
      .link(projectDashboardsLink())
      .withVariable(datasourceVariable(c.datasource.type, { current: c.datasource.uid }))
      .withVariable(metricIndex(METRIC_VARIABLE, 'Metric'))
      .withVariable(
        metricIndex(RATIO_VARIABLE, 'Ratio to gauge').current({ text: c.ratioDenominator, value: c.ratioDenominator, selected: true }),
      )
      .withVariable(labelValuesVariable(DATAPOINT_VARIABLE, series(gauge(), c.selector), 'datapoint_id', { label: 'Datapoint' }))

      .withPanel(panel.source())

      .withRow(new RowBuilder('Counter and gauges'))
      .withPanel(panel.counterRate(c))
      .withPanel(panel.gauge(c))
      .withPanel(panel.gaugeRatio(c))

      .withRow(new RowBuilder('Histogram'))
      .withPanel(panel.histogramPercentiles(c))
      .withPanel(panel.histogramHeatmap(c))

      .withRow(new RowBuilder('Summary'))
      .withPanel(panel.summaryQuantiles(c))
      .withPanel(panel.meanObservation(c))
      .withPanel(panel.observationRate(c)),
  );
}
