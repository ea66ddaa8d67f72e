import { describe, expect, it } from 'vitest';
import { checksum, pruneDefaults } from './normalize.js';

describe('pruneDefaults', () => {
  it('treats defaults Grafana fills in like absent fields', () => {
    // given: what was written and what Grafana returns with its defaults
    const written = { title: 'x', panels: [{ id: 1, gridPos: { x: 0 } }] };
    const returned = {
      title: 'x',
      description: '',
      editable: false,
      links: [],
      annotations: {},
      panels: [{ id: 1, gridPos: { x: 0 }, options: null }],
    };

    // then
    expect(pruneDefaults(returned)).toEqual(pruneDefaults(written));
    expect(checksum(pruneDefaults(returned))).toBe(checksum(pruneDefaults(written)));
  });

  it('keeps zeros and order of arrays', () => {
    expect(pruneDefaults({ a: 0, b: [2, 1] })).toEqual({ a: 0, b: [2, 1] });
  });
});

describe('checksum', () => {
  it('ignores key order', () => {
    expect(checksum({ a: 1, b: { c: 2, d: 3 } })).toBe(checksum({ b: { d: 3, c: 2 }, a: 1 }));
    expect(checksum({ a: 1 })).not.toBe(checksum({ a: 2 }));
  });
});
