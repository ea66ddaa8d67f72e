import { describe, expect, it } from 'vitest';
import { pullDiff } from './pull-diff.js';

describe('pullDiff', () => {
  it('shows an edit at the end of a long query around where it differs', () => {
    // given
    const expr = `sum by (service) (rate(envoy_http_downstream_rq_total{namespace=~"$namespace", service=~"$service"}[$__rate_interval]))`;

    // when
    const lines = pullDiff({ panels: [{ title: 'Rate', expr }] }, { panels: [{ title: 'Rate', expr: `${expr} * 2` }] });

    // then
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^panels\[0\] "Rate" expr: …".*rate_interval\]\)\)" -> …".*rate_interval\]\)\) \* 2"$/);
  });

  it('names added and removed fields', () => {
    expect(pullDiff({ a: 1, b: 'x' }, { a: 1, c: true })).toEqual(['b: "x" -> (absent)', 'c: (absent) -> true']);
  });
});
