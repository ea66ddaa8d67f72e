import { isObject, type Json } from '../json.js';
import { commonPanelFields, numberOrUndefined, panelLabel, REDUCER_ALIASES, type PanelConversion } from './panel-conversion.js';

/** Legacy graph options this migration reads; anything else set on the panel is reported as dropped. */
const READ = new Set([
  'aliasColors',
  'bars',
  'dashLength',
  'dashes',
  'fill',
  'fillGradient',
  'legend',
  'lines',
  'linewidth',
  'nullPointMode',
  'pointradius',
  'points',
  'seriesOverrides',
  'spaceLength',
  'stack',
  'steppedLine',
  'thresholds',
  'tooltip',
  'yaxes',
  'fieldConfig',
  'options',
  'type',
  'pluginVersion',
  'percentage',
  'renderer',
  'xaxis',
  'yaxis',
  'hiddenSeries',
  'timeRegions',
]);

/** Settings whose default value needs no report. */
const IGNORED_WHEN_DEFAULT: Json = { percentage: false, renderer: 'flot', hiddenSeries: false, timeRegions: [], yaxis: { align: false } };

/**
 * graph -> timeseries, after Grafana's graphPanelChangedHandler (flotToGraphOptions): unit, decimals,
 * min/max and log scale from the left y axis, draw style, fill, line width, points, stacking,
 * stepped lines, null handling, legend, tooltip, alias colours, series overrides and thresholds.
 */
export function migrateGraphPanel(p: Json): { panel: Json; conversion: PanelConversion } {
  const dropped: string[] = [];
  const yaxes: Json[] = Array.isArray(p.yaxes) ? p.yaxes : [];
  const y1 = fieldConfigFromAxis(yaxes[0]);
  const defaults: Json = { ...(p.fieldConfig?.defaults ?? {}), ...y1 };
  if (Array.isArray(defaults.links) && defaults.links.length === 0) delete defaults.links;
  const overrides: Json[] = [...(p.fieldConfig?.overrides ?? [])];
  const custom: Json = { ...(y1.custom ?? {}) };

  for (const [alias, color] of Object.entries((p.aliasColors as Json | undefined) ?? {})) {
    if (color) overrides.push(override(alias, [{ id: 'color', value: { mode: 'fixed', fixedColor: color } }]));
  }
  let hasFillBelowTo = false;
  for (const so of (p.seriesOverrides as Json[] | undefined) ?? []) {
    if (!so.alias) continue;
    const props: Json[] = [];
    for (const [k, v] of Object.entries(so)) {
      switch (k) {
        case 'alias':
        case '$$hashKey':
          break;
        case 'yaxis':
          if (v === 2) props.push(...rightAxisProperties(y1, fieldConfigFromAxis(yaxes[1])));
          break;
        case 'fill':
          props.push({ id: 'custom.fillOpacity', value: (v as number) * 10 });
          break;
        case 'fillBelowTo':
          hasFillBelowTo = true;
          props.push({ id: 'custom.fillBelowTo', value: v });
          break;
        case 'points':
          props.push({ id: 'custom.showPoints', value: v ? 'always' : 'never' });
          break;
        case 'bars':
          props.push({ id: 'custom.drawStyle', value: v ? 'bars' : 'line' });
          if (v) props.push({ id: 'custom.fillOpacity', value: 100 });
          break;
        case 'lines':
          if (!v) props.push({ id: 'custom.lineWidth', value: 0 });
          break;
        case 'linewidth':
          props.push({ id: 'custom.lineWidth', value: v });
          break;
        case 'pointradius':
          props.push({ id: 'custom.pointSize', value: 2 + (v as number) * 2 });
          break;
        case 'dashes':
          props.push({
            id: 'custom.lineStyle',
            value: { fill: v ? 'dash' : 'solid', dash: [so.dashLength ?? p.dashLength ?? 10, so.spaceLength ?? p.spaceLength ?? 10] },
          });
          break;
        case 'stack':
          // Grafana copies the value into the group (so `false` stacks in group "false"); unstacking is what was meant.
          props.push({
            id: 'custom.stacking',
            value: v === false ? { mode: 'none', group: 'A' } : { mode: 'normal', group: v === true ? 'A' : String(v) },
          });
          break;
        case 'color':
          props.push({ id: 'color', value: { mode: 'fixed', fixedColor: v } });
          break;
        case 'transform':
          if (v === 'negative-Y') props.push({ id: 'custom.transform', value: 'negative-Y' });
          break;
        default:
          dropped.push(`seriesOverrides "${so.alias}".${k}`);
      }
    }
    if (props.length) overrides.push(override(so.alias, props));
  }

  custom.drawStyle = p.bars ? 'bars' : p.lines === false ? 'points' : 'line';
  if (p.points) {
    custom.showPoints = 'always';
    if (typeof p.pointradius === 'number') custom.pointSize = 2 + p.pointradius * 2;
  } else if (custom.drawStyle !== 'points') {
    custom.showPoints = 'never';
  }
  if (typeof p.linewidth === 'number') custom.lineWidth = p.linewidth;
  if (p.dashes) custom.lineStyle = { fill: 'dash', dash: [p.dashLength ?? 10, p.spaceLength ?? 10] };
  if (hasFillBelowTo) custom.fillOpacity = 35;
  else if (typeof p.fill === 'number') custom.fillOpacity = p.fill * 10;
  if (typeof p.fillGradient === 'number' && p.fillGradient > 0) {
    custom.gradientMode = 'opacity';
    custom.fillOpacity = p.fillGradient * 10;
  }
  custom.spanNulls = p.nullPointMode === 'null';
  if (p.nullPointMode === 'null as zero') dropped.push('nullPointMode "null as zero" (use a query that fills zeros)');
  if (p.steppedLine) custom.lineInterpolation = 'stepAfter';
  if (custom.drawStyle === 'bars') custom.fillOpacity = 100;
  if (p.stack) custom.stacking = { mode: p.percentage ? 'percent' : 'normal', group: 'A' };

  const thresholds = migrateThresholds(p.thresholds);
  if (thresholds) {
    custom.thresholdsStyle = { mode: thresholds.style };
    defaults.thresholds = { mode: 'absolute', steps: thresholds.steps };
  }
  defaults.custom = custom;

  const options: Json = { legend: legendOptions(p.legend), tooltip: tooltipOptions(p.tooltip) };
  if (p.legend?.hideZero || p.legend?.hideEmpty) dropped.push('legend.hideZero/hideEmpty (hide those series with a filter transformation)');
  if (p.xaxis && p.xaxis.mode && p.xaxis.mode !== 'time') dropped.push(`xaxis.mode "${p.xaxis.mode}" (use a barchart or histogram panel)`);
  if (p.yaxis?.align) dropped.push('yaxis.align');
  for (const k of Object.keys(p)) {
    // null is how old exports say "unset" (repeat, timeFrom, timeShift): nothing to carry over.
    if (p[k] === null) continue;
    if (k in IGNORED_WHEN_DEFAULT && JSON.stringify(p[k]) === JSON.stringify(IGNORED_WHEN_DEFAULT[k])) continue;
    if (!READ.has(k) && !(k in commonPanelFields(p)) && !['id', 'title'].includes(k)) dropped.push(k);
  }
  if (p.percentage && !p.stack) dropped.push('percentage without stack');

  const panel: Json = { ...commonPanelFields(p), type: 'timeseries', fieldConfig: { defaults, overrides }, options };
  return { panel, conversion: { panel: panelLabel(p), from: 'graph', to: 'timeseries', dropped } };
}

function override(alias: string, properties: Json[]): Json {
  const isRegex = alias.length > 1 && alias.startsWith('/') && alias.endsWith('/');
  return { matcher: { id: isRegex ? 'byRegexp' : 'byName', options: alias }, properties };
}

function fieldConfigFromAxis(axis: Json | undefined): Json {
  if (!axis) return {};
  const custom: Json = { axisPlacement: axis.show === false ? 'hidden' : 'auto' };
  if (axis.label) custom.axisLabel = axis.label;
  if (axis.logBase === 2 || axis.logBase === 10) custom.scaleDistribution = { type: 'log', log: axis.logBase };
  const out: Json = { custom };
  if (axis.format) out.unit = axis.format;
  for (const k of ['decimals', 'min', 'max']) {
    const n = numberOrUndefined(axis[k]);
    if (n !== undefined) out[k] = n;
  }
  return out;
}

function rightAxisProperties(y1: Json, y2: Json): Json[] {
  const props: Json[] = [];
  for (const [k, v] of Object.entries(y2)) if (k !== 'custom' && v !== y1[k]) props.push({ id: k, value: v });
  for (const [k, v] of Object.entries(y2.custom ?? {})) {
    if (JSON.stringify(v) !== JSON.stringify(y1.custom?.[k])) props.push({ id: `custom.${k}`, value: v });
  }
  props.push({ id: 'custom.axisPlacement', value: 'right' });
  return dedupeById(props);
}

function dedupeById(props: Json[]): Json[] {
  const byId = new Map<string, Json>();
  for (const p of props) byId.set(p.id, p);
  return [...byId.values()];
}

function legendOptions(legend: Json | undefined): Json {
  const out: Json = { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] };
  if (!isObject(legend)) return out;
  if (legend.show === false) out.showLegend = false;
  if (legend.alignAsTable) out.displayMode = 'table';
  if (legend.rightSide) out.placement = 'right';
  if (legend.values) {
    // In the order the legend object lists them, as Grafana reads them.
    out.calcs = Object.keys(legend)
      .filter((k) => ['min', 'max', 'avg', 'current', 'total'].includes(k) && legend[k])
      .map((k) => REDUCER_ALIASES[k]!);
  }
  if (typeof legend.sort === 'string' && legend.sort && REDUCER_ALIASES[legend.sort]) {
    out.sortBy = REDUCER_NAMES[REDUCER_ALIASES[legend.sort]!];
    out.sortDesc = !!legend.sortDesc;
  }
  return out;
}

/** Display names of reducers, which the legend sorts by. */
const REDUCER_NAMES: Record<string, string> = { min: 'Min', max: 'Max', mean: 'Mean', lastNotNull: 'Last *', sum: 'Total' };

function tooltipOptions(tooltip: Json | undefined): Json {
  const mode = tooltip?.shared === false ? 'single' : 'multi';
  const sort = tooltip?.sort === 1 ? 'asc' : tooltip?.sort === 2 ? 'desc' : 'none';
  return { mode, sort };
}

function migrateThresholds(thresholds: unknown): { steps: Json[]; style: string } | undefined {
  if (!Array.isArray(thresholds) || thresholds.length === 0) return undefined;
  const sorted = [...(thresholds as Json[])].sort((a, b) => (a.value > b.value ? 1 : -1));
  const steps: Json[] = [];
  let area = false;
  let line = false;
  sorted.forEach((t, i) => {
    const next = sorted[i + 1];
    if (t.fill) area = true;
    if (t.line) line = true;
    if (t.op === 'gt') steps.push({ value: t.value, color: thresholdColor(t) });
    if (t.op === 'lt') {
      if (steps.length === 0) steps.push({ value: null, color: thresholdColor(t) });
      if (next && next.op === 'lt') steps.push({ value: t.value, color: thresholdColor(next) });
      else steps.push({ value: t.value, color: 'transparent' });
    }
  });
  if (steps.length > 0 && steps[0]!.value !== null) steps.unshift({ value: null, color: 'transparent' });
  return { steps, style: line && area ? 'line+area' : area ? 'area' : 'line' };
}

function thresholdColor(t: Json): string {
  if (t.colorMode === 'warning') return 'orange';
  if (t.colorMode === 'custom') return t.fillColor || t.lineColor || 'red';
  return 'red';
}
