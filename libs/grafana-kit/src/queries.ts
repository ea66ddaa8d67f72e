import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';

/**
 * Panels point at the dashboard's `datasource` variable, never at a fixed data source,
 * so one dashboard works with Prometheus, Mimir and Amazon Managed Prometheus alike.
 */
export const DATASOURCE_VARIABLE = 'datasource';
export const datasourceVariableRef = (name = DATASOURCE_VARIABLE): DataSourceRef => ({ uid: `\${${name}}` });

/** A PromQL range query drawn as series; the legend defaults to the series labels. */
export function promQuery(expr: string, legend?: string, refId?: string): DataqueryBuilder {
  const q = new DataqueryBuilder().datasource(datasourceVariableRef()).expr(expr).range();
  if (legend !== undefined) q.legendFormat(legend);
  if (refId) q.refId(refId);
  return q;
}

/** A PromQL instant query, for stats and tables that show the current value. */
export function promInstant(expr: string, legend?: string, refId?: string): DataqueryBuilder {
  const q = new DataqueryBuilder().datasource(datasourceVariableRef()).expr(expr).instant();
  if (legend !== undefined) q.legendFormat(legend);
  if (refId) q.refId(refId);
  return q;
}

/** An instant query returned as a table row per series (one column per query in a table panel). */
export function promTable(expr: string, refId: string): DataqueryBuilder {
  return promInstant(expr, undefined, refId).format(PromQueryFormat.Table);
}

/** Histogram buckets for a heatmap panel. */
export function promHeatmap(expr: string, refId?: string): DataqueryBuilder {
  const q = new DataqueryBuilder()
    .datasource(datasourceVariableRef())
    .expr(expr)
    .range()
    .format(PromQueryFormat.Heatmap)
    .legendFormat('{{le}}');
  if (refId) q.refId(refId);
  return q;
}
