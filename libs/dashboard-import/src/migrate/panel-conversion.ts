import type { Json } from '../json.js';
import { ImportError } from './import-error.js';

/** One old panel type converted to its current equivalent, with what did not carry over. */
export interface PanelConversion {
  /** `panel 3 "Downstream RPS"` */
  readonly panel: string;
  readonly from: string;
  readonly to: string;
  /** Legacy settings with no current equivalent, dropped. */
  readonly dropped: readonly string[];
  /** Settings carried over in a new form: `styles[1].linkUrl "…$__cell" -> "…${__value.raw}"`. */
  readonly rewritten?: readonly string[];
}

/** The panel as error messages and reports name it. */
export const panelLabel = (p: Json): string => `panel ${p.id ?? '?'} "${p.title ?? ''}"`;

/** Grafana's legend/reducer aliases: old names of field reducers. */
export const REDUCER_ALIASES: Readonly<Record<string, string>> = {
  avg: 'mean',
  current: 'lastNotNull',
  total: 'sum',
  min: 'min',
  max: 'max',
  first: 'first',
  delta: 'delta',
  diff: 'diff',
  range: 'range',
  last: 'last',
  count: 'count',
  name: 'lastNotNull',
  last_time: 'lastNotNull',
};

/** Copies the panel members every panel type shares (layout, queries, links, repeat, time overrides). */
export function commonPanelFields(p: Json): Json {
  const keep = [
    'id',
    'title',
    'description',
    'gridPos',
    'datasource',
    'targets',
    'links',
    'repeat',
    'repeatDirection',
    'maxPerRow',
    'interval',
    'maxDataPoints',
    'timeFrom',
    'timeShift',
    'hideTimeOverride',
    'transparent',
    'transformations',
    'cacheTimeout',
    'libraryPanel',
  ];
  const out: Json = {};
  for (const k of keep) if (p[k] !== undefined && p[k] !== null) out[k] = p[k];
  return out;
}

export function numberOrUndefined(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

/**
 * Threshold values of an old panel (`"80,90"` or `["80", "90"]`) as numbers, read as the Angular
 * panels compared them (decimals, blanks around); empty entries are counted and left out, and an
 * entry that is not a number is refused, since it would become NaN (null in JSON) and break the panel.
 */
export function thresholdValues(raw: unknown, where: string): { values: number[]; blanks: number } {
  const items: unknown[] = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : [raw];
  const values: number[] = [];
  let blanks = 0;
  for (const item of items) {
    if (item === null || item === undefined || (typeof item === 'string' && item.trim() === '')) {
      blanks++;
      continue;
    }
    const n = typeof item === 'number' ? item : typeof item === 'string' ? Number(item.trim()) : NaN;
    if (!Number.isFinite(n))
      throw new ImportError(`${where} ${JSON.stringify(raw)}: ${JSON.stringify(item)} is not a number; fix or remove it and import again`);
    values.push(n);
  }
  return { values, blanks };
}
