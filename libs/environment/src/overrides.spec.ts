import { describe, expect, it } from 'vitest';
import { withOverrides } from './overrides.js';

describe('withOverrides', () => {
  it('overrides one nested threshold and keeps the rest', () => {
    // given
    const defaults = { latency: { threshold: 5, for: '1m' }, selector: '', quantiles: [0.5, 0.9] };

    // when
    const config = withOverrides(defaults, { latency: { threshold: 10 }, quantiles: [0.99] });

    // then: arrays are replaced, not merged
    expect(config).toEqual({ latency: { threshold: 10, for: '1m' }, selector: '', quantiles: [0.99] });
  });

  it('returns the defaults themselves when nothing is overridden', () => {
    const defaults = { selector: '' };
    expect(withOverrides(defaults, undefined)).toBe(defaults);
  });
});
