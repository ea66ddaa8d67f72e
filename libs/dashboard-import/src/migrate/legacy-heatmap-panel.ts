import type { Json } from '../json.js';
import { commonPanelFields, numberOrUndefined, panelLabel, type PanelConversion } from './panel-conversion.js';

/** A heatmap still carrying its pre-Grafana-9 (flot) options. */
export const isLegacyHeatmap = (p: Json): boolean => p.type === 'heatmap' && ('dataFormat' in p || 'heatmap' in p || 'cards' in p);

/**
 * Legacy heatmap -> current heatmap, after Grafana's heatmap angularToReactHeatmap: data format
 * (time series are bucketed by the panel, tsbuckets are used as they are), colour scheme and
 * scale, cell gap and radius, y axis unit/decimals/range/placement, legend and tooltip.
 */
export function migrateLegacyHeatmapPanel(p: Json): { panel: Json; conversion: PanelConversion } {
  const dropped: string[] = [];
  const calculate = p.dataFormat !== 'tsbuckets';
  const options: Json = { calculate };
  if (calculate) {
    const calculation: Json = {};
    const xBuckets = bucket(p.xBucketSize, p.xBucketNumber);
    const yBuckets = bucket(p.yBucketSize, p.yBucketNumber);
    if (xBuckets) calculation.xBuckets = xBuckets;
    if (yBuckets) calculation.yBuckets = yBuckets;
    if (p.yAxis?.logBase > 1) calculation.yBuckets = { ...(calculation.yBuckets ?? {}), scale: { type: 'log', log: p.yAxis.logBase } };
    if (Object.keys(calculation).length) options.calculation = calculation;
  }
  const color = p.color ?? {};
  options.color = {
    mode: color.mode === 'opacity' ? 'opacity' : 'scheme',
    scheme: typeof color.colorScheme === 'string' ? color.colorScheme.replace(/^interpolate/, '') : 'Oranges',
    fill: color.cardColor ?? '#b4ff00',
    scale: color.colorScale === 'linear' ? 'linear' : 'exponential',
    exponent: color.exponent ?? 0.5,
    steps: 64,
    reverse: false,
  };
  const cellGap = numberOrUndefined(p.cards?.cardPadding);
  options.cellGap = cellGap ?? 1;
  const cellRadius = numberOrUndefined(p.cards?.cardRound);
  if (cellRadius !== undefined) options.cellRadius = cellRadius;
  const yAxis: Json = { axisPlacement: p.yAxis?.show === false ? 'hidden' : 'left', reverse: !!p.reverseYBuckets };
  if (p.yAxis?.format) yAxis.unit = p.yAxis.format;
  for (const k of ['decimals', 'min', 'max']) {
    const n = numberOrUndefined(p.yAxis?.[k]);
    if (n !== undefined) yAxis[k] = n;
  }
  options.yAxis = yAxis;
  if (p.yBucketBound && p.yBucketBound !== 'auto') options.rowsFrame = { layout: p.yBucketBound === 'middle' ? 'unknown' : p.yBucketBound };
  options.legend = { show: !!p.legend?.show };
  options.tooltip = { mode: p.tooltip?.show === false ? 'none' : 'single', yHistogram: !!p.tooltip?.showHistogram };
  options.showValue = 'never';
  options.exemplars = { color: 'rgba(255,0,255,0.7)' };
  if (p.hideZeroBuckets) options.filterValues = { le: 1e-9 };
  if (p.highlightCards === false) dropped.push('highlightCards false');
  if (p.xAxis?.show === false) dropped.push('xAxis.show false');

  const defaults: Json = { custom: { scaleDistribution: { type: 'linear' }, hideFrom: { legend: false, tooltip: false, viz: false } } };
  if (p.yAxis?.format) defaults.unit = p.yAxis.format;
  const panel: Json = {
    ...commonPanelFields(p),
    type: 'heatmap',
    fieldConfig: { defaults, overrides: p.fieldConfig?.overrides ?? [] },
    options,
  };
  return { panel, conversion: { panel: panelLabel(p), from: 'heatmap (legacy)', to: 'heatmap', dropped } };
}

function bucket(size: unknown, count: unknown): Json | undefined {
  if (size !== null && size !== undefined && size !== '') return { mode: 'size', value: String(size) };
  if (count !== null && count !== undefined && count !== '') return { mode: 'count', value: String(count) };
  return undefined;
}
