import * as common from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as GenericPanelBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as BarGaugePanelBuilder } from '@grafana/grafana-foundation-sdk/bargauge';
import { PanelBuilder as HeatmapPanelBuilder, YAxisConfigBuilder } from '@grafana/grafana-foundation-sdk/heatmap';
import { PanelBuilder as NodeGraphPanelBuilder } from '@grafana/grafana-foundation-sdk/nodegraph';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanelBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TextPanelBuilder, TextMode } from '@grafana/grafana-foundation-sdk/text';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { datasourceVariableRef } from './queries.js';
import { Size, thresholds, Colour } from './style.js';

/**
 * Panel factories with the house style applied. Each returns the SDK builder, so a
 * dashboard can still chain anything specific (overrides, thresholds, sizes).
 */

/** Series over time; legend as a table with mean, max and last value. */
export function timeseriesPanel(title: string, unit: string, description?: string): TimeseriesPanelBuilder {
  const p = new TimeseriesPanelBuilder()
    .title(title)
    .unit(unit)
    .datasource(datasourceVariableRef())
    .height(Size.half.h)
    .span(Size.half.w)
    .lineWidth(1)
    .fillOpacity(10)
    .showPoints(common.VisibilityMode.Never)
    .legend(
      new common.VizLegendOptionsBuilder()
        .displayMode(common.LegendDisplayMode.Table)
        .placement(common.LegendPlacement.Bottom)
        .showLegend(true)
        .calcs(['mean', 'max', 'lastNotNull']),
    )
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending));
  if (description) p.description(description);
  return p;
}

/** One number: the last value, coloured by thresholds (green by default). */
export function statPanel(title: string, unit: string, description?: string): StatPanelBuilder {
  const p = new StatPanelBuilder()
    .title(title)
    .unit(unit)
    .datasource(datasourceVariableRef())
    .height(Size.stat.h)
    .span(Size.stat.w)
    .graphMode(common.BigValueGraphMode.Area)
    .colorMode(common.BigValueColorMode.Value)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .thresholds(thresholds(Colour.ok));
  if (description) p.description(description);
  return p;
}

/** A table; numeric columns get their units through overrides by the dashboard. */
export function tablePanel(title: string, description?: string): TablePanelBuilder {
  const p = new TablePanelBuilder()
    .title(title)
    .datasource(datasourceVariableRef())
    .height(Size.table.h)
    .span(Size.table.w)
    .showHeader(true)
    .filterable(false);
  if (description) p.description(description);
  return p;
}

/** Horizontal gauges, one per series. */
export function barGaugePanel(title: string, unit: string, description?: string): BarGaugePanelBuilder {
  const p = new BarGaugePanelBuilder()
    .title(title)
    .unit(unit)
    .datasource(datasourceVariableRef())
    .height(Size.half.h)
    .span(Size.half.w)
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Gradient)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
  if (description) p.description(description);
  return p;
}

/** Histogram buckets over time (queries in heatmap format, one series per `le`). */
export function heatmapPanel(title: string, yUnit: string, description?: string): HeatmapPanelBuilder {
  const p = new HeatmapPanelBuilder()
    .title(title)
    .unit(yUnit)
    .datasource(datasourceVariableRef())
    .height(Size.half.h)
    .span(Size.half.w)
    .calculate(false)
    .yAxis(new YAxisConfigBuilder().unit(yUnit))
    .cellGap(1);
  if (description) p.description(description);
  return p;
}

/** A service graph. */
export function nodeGraphPanel(title: string, description?: string): NodeGraphPanelBuilder {
  const p = new NodeGraphPanelBuilder().title(title).datasource(datasourceVariableRef()).height(12).span(Size.full.w);
  if (description) p.description(description);
  return p;
}

/** One trace as a waterfall (the core `traces` panel, which the SDK has no builder for). */
export function tracesPanel(title: string, description?: string): GenericPanelBuilder {
  const p = new GenericPanelBuilder().type('traces').title(title).datasource(datasourceVariableRef()).height(12).span(Size.full.w);
  if (description) p.description(description);
  return p;
}

/** Markdown text, e.g. where the data comes from. */
export function textPanel(title: string, markdown: string): TextPanelBuilder {
  return new TextPanelBuilder().title(title).mode(TextMode.Markdown).content(markdown).height(3).span(Size.full.w);
}
