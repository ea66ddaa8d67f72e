import { describe, expect, it } from 'vitest';
import { formatGoDuration, formatInterval, roundInterval } from './grafana-interval.js';

describe("Grafana's interval arithmetic", () => {
  it("rounds intervals with Grafana's table", () => {
    expect(roundInterval(20)).toBe(20);
    expect(roundInterval(900)).toBe(1000);
    expect(roundInterval(13_000)).toBe(15_000);
    expect(roundInterval(3_700)).toBe(5_000);
    expect(roundInterval(4_000_000_000)).toBe(31_536_000_000);
  });

  it('writes $__interval in its largest whole unit and $__rate_interval as Go does', () => {
    expect(formatInterval(15_000)).toBe('15s');
    expect(formatInterval(90_000)).toBe('1m');
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(4_000)).toBe('4s');
    expect(formatGoDuration(60_000)).toBe('1m0s');
    expect(formatGoDuration(90_500)).toBe('1m30.5s');
    expect(formatGoDuration(250)).toBe('250ms');
    expect(formatGoDuration(3_723_000)).toBe('1h2m3s');
  });
});
