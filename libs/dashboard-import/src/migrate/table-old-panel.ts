import type { Json } from '../json.js';
import { commonPanelFields, panelLabel, type PanelConversion } from './panel-conversion.js';

const TRANSFORMS: Record<string, string> = {
  timeseries_to_rows: 'seriesToRows',
  timeseries_to_columns: 'seriesToColumns',
  timeseries_aggregations: 'reduce',
  table: 'merge',
};

const COLOR_MODES: Record<string, string> = { cell: 'color-background', row: 'color-background', value: 'color-text' };

/**
 * table-old -> table, after Grafana's table migrateFromAngular: the `transform` becomes a
 * transformation, the `/.*\/` style the field defaults, every other style an override
 * (alias, unit, decimals, date format, hidden, link, colour mode, alignment, thresholds).
 */
export function migrateTableOldPanel(p: Json): { panel: Json; conversion: PanelConversion } {
  const dropped: string[] = [];
  const transformations: Json[] = [...(p.transformations ?? [])];
  if (p.transform && TRANSFORMS[p.transform]) {
    const options: Json = { reducers: [] };
    if (p.transform === 'timeseries_aggregations') {
      options.includeTimeField = false;
      options.reducers = ((p.columns as Json[] | undefined) ?? []).map((c) => c.value);
    }
    transformations.push({ id: TRANSFORMS[p.transform], options });
  } else if (p.transform) dropped.push(`transform "${p.transform}"`);
  if (p.transform === 'json') dropped.push('columns (json transform)');

  const styles: Json[] = p.styles ?? [];
  const defaultStyle = styles.find((s) => s.pattern === '/.*/');
  const defaults: Json = defaultStyle ? styleDefaults(defaultStyle) : {};
  const overrides = styles.filter((s) => s.pattern !== '/.*/').map(styleOverride);
  const options: Json = { showHeader: p.showHeader !== false };
  if (p.sort && typeof p.sort.col === 'number' && p.sort.col > 0)
    dropped.push(`sort by column ${p.sort.col} (columns have no stable name before the query runs)`);
  if (p.fontSize && p.fontSize !== '100%') dropped.push(`fontSize ${p.fontSize}`);
  if (p.pageSize) dropped.push('pageSize (the table scrolls)');

  const panel: Json = { ...commonPanelFields(p), type: 'table', fieldConfig: { defaults, overrides }, options };
  if (transformations.length) panel.transformations = transformations;
  return { panel, conversion: { panel: panelLabel(p), from: 'table-old', to: 'table', dropped } };
}

function styleDefaults(s: Json): Json {
  const out: Json = {};
  if (s.unit) out.unit = s.unit;
  if (s.decimals) out.decimals = s.decimals;
  if (s.alias) out.displayName = s.alias;
  const custom: Json = {};
  if (s.align && s.align !== 'auto') custom.align = s.align;
  if (s.colorMode && COLOR_MODES[s.colorMode]) custom.cellOptions = { type: COLOR_MODES[s.colorMode] };
  if (Object.keys(custom).length) out.custom = custom;
  if (Array.isArray(s.thresholds) && s.thresholds.length) out.thresholds = thresholds(s);
  return out;
}

function styleOverride(s: Json): Json {
  const isRegex = /^\/.*\/$/.test(s.pattern ?? '');
  const properties: Json[] = [];
  if (s.alias) properties.push({ id: 'displayName', value: s.alias });
  if (s.type === 'date') properties.push({ id: 'unit', value: `time: ${s.dateFormat ?? 'YYYY-MM-DD HH:mm:ss'}` });
  else if (s.unit && s.type !== 'string' && s.type !== 'hidden') properties.push({ id: 'unit', value: s.unit });
  if (s.decimals && s.type === 'number') properties.push({ id: 'decimals', value: s.decimals });
  if (s.type === 'hidden') properties.push({ id: 'custom.hidden', value: true });
  if (s.link) {
    properties.push({
      id: 'links',
      value: [
        {
          title: s.linkTooltip ?? '',
          url: (s.linkUrl ?? '').replace(/\$__cell(_\d+)?/g, '${__value.text}'),
          targetBlank: !!s.linkTargetBlank,
        },
      ],
    });
  }
  if (s.colorMode && COLOR_MODES[s.colorMode]) properties.push({ id: 'custom.cellOptions', value: { type: COLOR_MODES[s.colorMode] } });
  if (s.align && s.align !== 'auto') properties.push({ id: 'custom.align', value: s.align });
  if (Array.isArray(s.thresholds) && s.thresholds.length) properties.push({ id: 'thresholds', value: thresholds(s) });
  if (Array.isArray(s.valueMaps) && s.valueMaps.length && s.mappingType === 1) {
    const options: Json = {};
    s.valueMaps.forEach((m: Json, i: number) => (options[m.value] = { text: m.text, index: i }));
    properties.push({ id: 'mappings', value: [{ type: 'value', options }] });
  }
  return { matcher: { id: isRegex ? 'byRegexp' : 'byName', options: s.pattern }, properties };
}

function thresholds(s: Json): Json {
  const colors: string[] = s.colors ?? [];
  const values = [null, ...(s.thresholds as Array<string | number>).map((t) => (typeof t === 'string' ? parseFloat(t) : t))];
  return { mode: 'absolute', steps: values.map((value, i) => ({ value, color: colors[i] ?? 'red' })) };
}
