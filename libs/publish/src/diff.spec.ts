import { describe, expect, it } from 'vitest';
import { renderPath, semanticDiff } from './diff.js';

describe('semanticDiff', () => {
  it('names panels by index and title and shows old -> new', () => {
    // given
    const live = { panels: [{ title: 'A' }, { title: 'B' }, { title: 'C' }, { title: 'Upstream latency', targets: [{ expr: 'a' }] }] };
    const desired = structuredClone(live);
    desired.panels[3]!.targets![0]!.expr = 'b';

    // when
    const lines = semanticDiff(live, desired);

    // then
    expect(lines).toEqual(['panels[3] "Upstream latency" targets[0].expr: "a" -> "b"']);
  });

  it('reports added and removed fields', () => {
    expect(semanticDiff({ a: 1, b: 2 }, { a: 1, c: 3 }).sort()).toEqual(['b: 2 -> (absent)', 'c: (absent) -> 3']);
  });

  it('gives nothing for equal values', () => {
    expect(semanticDiff({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });

  it('caps long diffs', () => {
    const live = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    const desired = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i + 1]));
    const lines = semanticDiff(live, desired);
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('… 10 more changes');
  });
});

describe('renderPath', () => {
  it('uses name when there is no title', () => {
    expect(renderPath({ rules: [{ name: 'r' }] }, ['rules', 0, 'for'])).toBe('rules[0] "r" for');
  });
});
