import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('parses Prometheus durations', () => {
    expect([parseDuration('1m'), parseDuration('1h30m'), parseDuration('0s'), parseDuration('90'), parseDuration('1m1h')]).toEqual([
      60,
      5400,
      0,
      undefined,
      undefined,
    ]);
  });
});
