import { describe, expect, it } from 'vitest';
import { parseExposition } from './exposition.js';

describe('parseExposition', () => {
  it('groups histogram series under their family and collects label names without le', () => {
    // given
    const text = [
      '# TYPE rq_time histogram',
      'rq_time_bucket{route="a",le="1"} 0',
      'rq_time_sum{route="a"} 1',
      'rq_time_count{route="a"} 1',
      '# TYPE rq counter',
      'rq{code="200"} 3',
      'untyped_thing 1',
    ].join('\n');

    // when / then
    expect(parseExposition(text)).toEqual({
      rq_time: { type: 'histogram', labels: ['route'] },
      rq: { type: 'counter', labels: ['code'] },
      untyped_thing: { type: 'untyped', labels: [] },
    });
  });
});
