import { describe, expect, it } from 'vitest';
import { ALL_VALUE } from './grafana-interpolate.js';
import { applyRegex, customOptions, select, sortOptions } from './grafana-variables.js';

const opts = (...values: string[]) => values.map((value) => ({ text: value, value }));

describe('variable selection on load', () => {
  it('selects All for a variable that includes All and has no current value', () => {
    expect(select({ multi: true, includeAll: true }, opts('a', 'b'), {})).toEqual({ value: [ALL_VALUE], text: ['All'] });
  });

  it('selects All when the query returns nothing and All is included, nothing otherwise', () => {
    expect(select({ multi: false, includeAll: true }, [], {})).toEqual({ value: ALL_VALUE, text: 'All' });
    expect(select({ multi: true, includeAll: false }, [], {})).toEqual({ value: [], text: [] });
    expect(select({ multi: false, includeAll: false }, [], {})).toEqual({ value: '', text: '' });
  });

  it('keeps a saved current value that is still offered, else takes the first option', () => {
    expect(select({ multi: false, includeAll: false }, opts('0', '1', '2'), { value: '2', text: '2' })).toEqual({ value: '2', text: '2' });
    expect(select({ multi: false, includeAll: false }, opts('0', '1'), { value: '7', text: '7' })).toEqual({ value: '0', text: '0' });
    expect(select({ multi: true, includeAll: false }, opts('a', 'b', 'c'), { value: ['c', 'x'] })).toEqual({ value: ['c'], text: ['c'] });
  });

  it('extracts options with the regex capture group, de-duplicated', () => {
    expect(applyRegex(['test_gauge10', 'test_gauge2', 'test_counter1', 'test_gauge2'], '/^test_gauge([0-9]+)$/')).toEqual(opts('10', '2'));
    expect(applyRegex(['a=1', 'b=2'], '/(?<text>\\w)=(?<value>\\d)/')).toEqual([
      { text: 'a', value: '1' },
      { text: 'b', value: '2' },
    ]);
    expect(applyRegex(['abc', 'xabc'], 'abc')).toEqual(opts('abc'));
  });

  it('sorts alphabetically, numerically, case-insensitively and naturally, descending for even codes', () => {
    const o = opts('10', '9', 'b', 'A', '1');
    expect(sortOptions(o, 1).map((x) => x.value)).toEqual(['1', '10', '9', 'A', 'b']);
    expect(sortOptions(opts('10', '9', '1'), 3).map((x) => x.value)).toEqual(['1', '9', '10']);
    expect(sortOptions(opts('10', '9', '1'), 4).map((x) => x.value)).toEqual(['10', '9', '1']);
    expect(sortOptions(opts('b', 'A', 'c'), 5).map((x) => x.value)).toEqual(['A', 'b', 'c']);
    expect(sortOptions(opts('item10', 'item9'), 7).map((x) => x.value)).toEqual(['item9', 'item10']);
    expect(sortOptions(o, 0)).toEqual(o);
  });

  it('reads custom variable options, including "text : value" pairs and escaped commas', () => {
    expect(customOptions('frontend, downstream0,downstream1')).toEqual(opts('frontend', 'downstream0', 'downstream1'));
    expect(customOptions('Production : prod,a\\,b')).toEqual([
      { text: 'Production', value: 'prod' },
      { text: 'a,b', value: 'a,b' },
    ]);
  });
});
