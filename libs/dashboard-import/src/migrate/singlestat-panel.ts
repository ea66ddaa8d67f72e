import type { Json } from '../json.js';
import {
  commonPanelFields,
  numberOrUndefined,
  panelLabel,
  REDUCER_ALIASES,
  thresholdValues,
  type PanelConversion,
} from './panel-conversion.js';

/**
 * singlestat -> stat (or gauge when the gauge was shown), after Grafana's sharedSingleStatMigrationHandler:
 * valueName -> reduce calculation, format -> unit, decimals, thresholds + colors -> steps,
 * colorBackground / colorValue -> colour mode, sparkline -> graph mode, value and range maps -> mappings.
 */
export function migrateSinglestatPanel(p: Json): { panel: Json; conversion: PanelConversion } {
  const dropped: string[] = [];
  const asGauge = !!p.gauge?.show;
  const defaults: Json = {};
  if (p.format) defaults.unit = p.format;
  const decimals = numberOrUndefined(p.decimals);
  if (decimals !== undefined) defaults.decimals = decimals;
  if (asGauge) {
    const min = numberOrUndefined(p.gauge.minValue);
    const max = numberOrUndefined(p.gauge.maxValue);
    if (min !== undefined) defaults.min = min;
    if (max !== undefined) defaults.max = max;
  }
  if (p.nullText) defaults.noValue = p.nullText;
  const { values, blanks } =
    typeof p.thresholds === 'string' || Array.isArray(p.thresholds)
      ? thresholdValues(p.thresholds, `${panelLabel(p)}: thresholds`)
      : { values: [], blanks: 0 };
  // "" is the singlestat's "no thresholds"; blanks between values are typing slips.
  if (blanks && values.length)
    dropped.push(`${blanks} empty entr${blanks === 1 ? 'y' : 'ies'} of thresholds ${JSON.stringify(p.thresholds)}`);
  defaults.thresholds = thresholds(values, p.colors);
  defaults.color = { mode: 'thresholds' };
  const mappings = valueMappings(p);
  if (mappings.length) defaults.mappings = mappings;

  const reducer = REDUCER_ALIASES[p.valueName ?? 'avg'] ?? 'mean';
  if (p.valueName === 'name') dropped.push('valueName "name" (shows the last value; set a displayName override)');
  const reduceOptions = { calcs: [reducer], fields: p.tableColumn ? `/^${p.tableColumn}$/` : '', values: false };
  const options: Json = asGauge
    ? {
        reduceOptions,
        showThresholdMarkers: !!p.gauge.thresholdMarkers,
        showThresholdLabels: !!p.gauge.thresholdLabels,
        orientation: 'auto',
      }
    : {
        reduceOptions,
        colorMode: p.colorBackground ? 'background' : p.colorValue ? 'value' : 'none',
        graphMode: p.sparkline?.show ? 'area' : 'none',
        justifyMode: 'auto',
        textMode: 'auto',
        orientation: 'horizontal',
      };
  for (const k of ['prefix', 'postfix']) if (p[k]) dropped.push(`${k} "${p[k]}" (put it in a custom unit)`);
  if (p.sparkline?.show && p.sparkline.full) dropped.push('sparkline.full');

  const panel: Json = { ...commonPanelFields(p), type: asGauge ? 'gauge' : 'stat', fieldConfig: { defaults, overrides: [] }, options };
  return { panel, conversion: { panel: panelLabel(p), from: p.type, to: panel.type, dropped } };
}

function thresholds(values: readonly number[], colors: unknown): Json {
  const palette = Array.isArray(colors) && colors.length ? (colors as string[]) : ['green', 'red'];
  const steps = [
    { value: null, color: palette[0] },
    ...values.map((value, i) => ({ value, color: palette[i + 1] ?? palette[palette.length - 1] })),
  ];
  return { mode: 'absolute', steps };
}

function valueMappings(p: Json): Json[] {
  const out: Json[] = [];
  const maps: Json[] = p.valueMaps ?? [];
  const usable = maps.filter((m) => m.op === '=' && m.value !== 'null');
  if (usable.length) {
    const options: Json = {};
    usable.forEach((m, i) => (options[m.value] = { text: m.text, index: i }));
    out.push({ type: 'value', options });
  }
  const nullMap = maps.find((m) => m.value === 'null');
  if (nullMap) out.push({ type: 'special', options: { match: 'null', result: { text: nullMap.text, index: usable.length } } });
  for (const r of (p.rangeMaps as Json[] | undefined) ?? []) {
    out.push({
      type: 'range',
      options: { from: numberOrUndefined(r.from) ?? null, to: numberOrUndefined(r.to) ?? null, result: { text: r.text } },
    });
  }
  return out;
}
