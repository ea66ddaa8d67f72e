import { replaceVariableReferences } from '@o11y/grafana-model';
import type { Json } from '../json.js';
import { ImportError } from './import-error.js';
import { commonPanelFields, numberOrUndefined, panelLabel, thresholdValues, type PanelConversion } from './panel-conversion.js';

/** Grafana's transformsMap: the table-old `transform` -> a transformation. */
const TRANSFORMS: Readonly<Record<string, string>> = {
  timeseries_to_rows: 'seriesToRows',
  timeseries_to_columns: 'seriesToColumns',
  timeseries_aggregations: 'reduce',
  table: 'merge',
};

/** Grafana's columnsMap: the aggregation columns of `timeseries_aggregations` -> reducers. */
const COLUMNS: Readonly<Record<string, string>> = {
  avg: 'mean',
  min: 'min',
  max: 'max',
  total: 'sum',
  current: 'lastNotNull',
  count: 'count',
};

const COLOR_MODES: Readonly<Record<string, string>> = { cell: 'color-background', row: 'color-background', value: 'color-text' };

/** The date format the Angular table's column editor gives a new date style. */
const DEFAULT_DATE_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/**
 * table-old (and a `table` saved with `styles` before Grafana 7) -> table, after Grafana's
 * tablePanelChangedHandler (public/app/plugins/panel/table/migrations.ts): the `transform` becomes a
 * transformation, the `/.*\/` style the field defaults (unit, decimals, alias, align, thresholds,
 * colour mode), every other style an override matched by name, or by regex when the pattern is `/.../`
 * (alias, unit, decimals, date format, hidden, link, colour mode, align, thresholds, in Grafana's order).
 * Where Grafana's migration loses what the Angular table showed, this one keeps it and says so:
 * thresholds are read as decimals (Grafana truncates "0.5" to 0), `$__cell` link placeholders become
 * their current equivalents, a date style without a format gets the editor's default (Grafana writes
 * "time: undefined"), `showHeader: false` and value maps are carried over. Blank threshold entries
 * are dropped; one that is not a number is refused.
 */
export function migrateTableOldPanel(p: Json): { panel: Json; conversion: PanelConversion } {
  const dropped: string[] = [];
  const rewritten: string[] = [];
  const transformations: Json[] = [...(p.transformations ?? [])];
  if (typeof p.transform === 'string' && TRANSFORMS[p.transform]) {
    const options: Json = { reducers: [] };
    if (p.transform === 'timeseries_aggregations') {
      options.includeTimeField = false;
      const columns: Json[] = Array.isArray(p.columns) ? p.columns : [];
      for (const c of columns.filter((x) => !COLUMNS[x?.value])) dropped.push(`aggregation column "${c?.value}" (no reducer of that name)`);
      options.reducers = columns.filter((x) => COLUMNS[x?.value]).map((x) => COLUMNS[x.value]);
    }
    transformations.push({ id: TRANSFORMS[p.transform], options });
  } else if (p.transform) dropped.push(`transform "${p.transform}" (no transformation does it; Grafana drops it too)`);

  const styles: Json[] = Array.isArray(p.styles) ? p.styles : [];
  const label = panelLabel(p);
  const defaultStyle = styles.find((s) => s.pattern === '/.*/');
  const at = (s: Json) => ({ label, path: `styles[${styles.indexOf(s)}]` });
  const defaults: Json = defaultStyle ? styleDefaults(defaultStyle, at(defaultStyle), dropped) : {};
  const overrides = styles.filter((s) => s.pattern !== '/.*/').map((s) => styleOverride(s, at(s), dropped, rewritten));
  const options: Json = { showHeader: p.showHeader !== false };
  if (p.sort && typeof p.sort.col === 'number')
    dropped.push(`sort by column ${p.sort.col} (columns have no stable name before the query runs)`);
  if (p.fontSize && p.fontSize !== '100%') dropped.push(`fontSize ${p.fontSize}`);
  if (p.pageSize) dropped.push('pageSize (the table scrolls)');

  const panel: Json = { ...commonPanelFields(p), type: 'table', fieldConfig: { defaults, overrides }, options };
  if (transformations.length) panel.transformations = transformations;
  const conversion: PanelConversion = { panel: label, from: 'table-old', to: 'table', dropped };
  return { panel, conversion: rewritten.length ? { ...conversion, rewritten } : conversion };
}

/** Grafana's migrateDefaults: what the `/.*\/` style sets for every column (its type, links and value maps are not migrated). */
/** Where a style is, for messages: the panel, and the style's path in it. */
interface StyleAt {
  readonly label: string;
  readonly path: string;
}

function styleDefaults(s: Json, at: StyleAt, dropped: string[]): Json {
  const out: Json = {};
  if (typeof s.unit === 'string' && s.unit !== '') out.unit = s.unit;
  const decimals = numberOrUndefined(s.decimals);
  if (decimals !== undefined) out.decimals = decimals;
  if (s.alias) out.displayName = s.alias;
  const custom: Json = {};
  // Grafana writes align null for "auto": unset, which is what auto means.
  if (typeof s.align === 'string' && s.align !== 'auto') custom.align = s.align;
  if (s.colorMode && COLOR_MODES[s.colorMode]) custom.cellOptions = { type: COLOR_MODES[s.colorMode] };
  if (Object.keys(custom).length) out.custom = custom;
  const steps = thresholdSteps(s, at, dropped);
  if (steps) out.thresholds = { mode: 'absolute', steps };
  if (s.type === 'date' || s.type === 'hidden')
    dropped.push(`type "${s.type}" of the /.*/ style (Grafana migrates it for named columns only)`);
  if (s.link) dropped.push('link of the /.*/ style (Grafana migrates links for named columns only)');
  return out;
}

/** Grafana's migrateTableStyleToOverride, property by property in its order. */
function styleOverride(s: Json, at: StyleAt, dropped: string[], rewritten: string[]): Json {
  const pattern = String(s.pattern ?? '');
  const isRegex = /^\/.*\/$/.test(pattern);
  const properties: Json[] = [];
  if (s.alias) properties.push({ id: 'displayName', value: s.alias });
  if (s.unit) properties.push({ id: 'unit', value: s.unit });
  const decimals = numberOrUndefined(s.decimals);
  if (decimals) properties.push({ id: 'decimals', value: decimals });
  if (s.type === 'date') properties.push({ id: 'unit', value: `time: ${s.dateFormat || DEFAULT_DATE_FORMAT}` });
  if (s.type === 'hidden') properties.push({ id: 'custom.hidden', value: true });
  if (s.link) {
    const url = linkUrl(String(s.linkUrl ?? ''));
    if (url !== (s.linkUrl ?? '')) rewritten.push(`${at.path}.linkUrl ${JSON.stringify(s.linkUrl)} -> ${JSON.stringify(url)}`);
    properties.push({ id: 'links', value: [{ title: s.linkTooltip ?? '', url, targetBlank: s.linkTargetBlank ?? false }] });
  }
  if (s.colorMode) {
    if (COLOR_MODES[s.colorMode]) properties.push({ id: 'custom.cellOptions', value: { type: COLOR_MODES[s.colorMode] } });
    else dropped.push(`colorMode "${s.colorMode}" of style "${pattern}"`);
  }
  // null resets an alignment the defaults set: "auto".
  if (s.align) properties.push({ id: 'custom.align', value: s.align === 'auto' ? null : s.align });
  const steps = thresholdSteps(s, at, dropped);
  if (steps) properties.push({ id: 'thresholds', value: { mode: 'absolute', steps } });
  if (Array.isArray(s.valueMaps) && s.valueMaps.length && s.mappingType !== 2) {
    const options: Json = {};
    s.valueMaps.forEach((m: Json, i: number) => (options[m.value] = { text: m.text, index: i }));
    properties.push({ id: 'mappings', value: [{ type: 'value', options }] });
  }
  if (s.mappingType === 2 && Array.isArray(s.rangeMaps) && s.rangeMaps.length) dropped.push(`range maps of style "${pattern}"`);
  return { matcher: { id: isRegex ? 'byRegexp' : 'byName', options: pattern }, properties };
}

/** The Angular table's `$__cell` (this cell's raw value) and `$__cell_N` (column N of the row) as data link variables. */
function linkUrl(url: string): string {
  return replaceVariableReferences(url, ({ name, syntax }) => {
    if (syntax !== 'dollar') return undefined;
    if (name === '__cell') return '${__value.raw}';
    const column = /^__cell_(\d+)$/.exec(name)?.[1];
    return column === undefined ? undefined : `\${__data.fields[${column}]}`;
  });
}

/** Steps from `thresholds` and `colors`, the first from -Infinity (null in JSON); undefined when the style has none. */
function thresholdSteps(s: Json, at: StyleAt, dropped: string[]): Json[] | undefined {
  if (s.thresholds === undefined || s.thresholds === null) return undefined;
  const path = `${at.path}.thresholds`;
  if (!Array.isArray(s.thresholds) && typeof s.thresholds !== 'string')
    throw new ImportError(`${at.label}: ${path} ${JSON.stringify(s.thresholds)} is not a list of numbers`);
  const { values, blanks } = thresholdValues(s.thresholds, `${at.label}: ${path}`);
  if (blanks) dropped.push(`${blanks} empty entr${blanks === 1 ? 'y' : 'ies'} of ${path}`);
  if (values.length === 0) return undefined;
  const colors: unknown[] = Array.isArray(s.colors) ? s.colors : [];
  return [null, ...values].map((value, i) => ({ value, color: typeof colors[i] === 'string' ? colors[i] : 'red' }));
}
