import { describe, expect, it } from 'vitest';
import { parseDuration, queryTiming, substituteFrontendMacros, substituteMacros } from './grafana-time.js';

describe('Grafana query timing', () => {
  it('parses durations as Grafana does', () => {
    expect(parseDuration('15s')).toBe(15_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(() => parseDuration('15 seconds')).toThrow();
  });

  it('gives $__interval 1s and $__rate_interval 4s for a 1s scrape interval over 20 s', () => {
    // when
    const t = queryTiming({ nowMs: 1_000_500, rangeMs: 20_000, scrapeIntervalMs: 1_000, maxDataPoints: 1000 });

    // then
    expect(t).toEqual({ intervalMs: 1_000, rateIntervalMs: 4_000, startMs: 980_000, endMs: 1_000_000, fromMs: 980_500, toMs: 1_000_500 });
  });

  it("gives 15s and 1m0s with the data source's default scrape interval, and honours a panel's min interval", () => {
    expect(queryTiming({ nowMs: 0, rangeMs: 3_600_000, scrapeIntervalMs: 15_000, maxDataPoints: 1000 })).toMatchObject({
      intervalMs: 15_000,
      rateIntervalMs: 60_000,
    });
    // 6 h over 1000 points is 21.6 s, rounded to 20 s: $__rate_interval = 20 s + 15 s
    expect(queryTiming({ nowMs: 0, rangeMs: 21_600_000, scrapeIntervalMs: 15_000, maxDataPoints: 1000 })).toMatchObject({
      intervalMs: 20_000,
      rateIntervalMs: 60_000,
    });
    expect(queryTiming({ nowMs: 0, rangeMs: 20_000, scrapeIntervalMs: 1_000, minIntervalMs: 5_000, maxDataPoints: 1000 })).toMatchObject({
      intervalMs: 5_000,
      rateIntervalMs: 6_000,
    });
  });

  it('replaces the macros in their bare and braced forms and leaves other text alone', () => {
    // given
    const t = queryTiming({ nowMs: 100_000, rangeMs: 20_000, scrapeIntervalMs: 1_000, maxDataPoints: 1000 });

    // when
    const expr = substituteMacros(
      'rate(x[$__rate_interval]) + rate(y[${__interval}]) * $__interval_ms / $__range_s + z[$__range] $__unknown $var',
      t,
    );

    // then
    expect(expr).toBe('rate(x[4s]) + rate(y[1s]) * 1000 / 20 + z[20s] $__unknown $var');
  });

  it("leaves promlib's macros for Grafana and replaces only the frontend's $__from / $__to", () => {
    // given
    const t = queryTiming({ nowMs: 100_000, rangeMs: 20_000, scrapeIntervalMs: 1_000, maxDataPoints: 1000 });

    // when
    const expr = substituteFrontendMacros('rate(x[$__rate_interval]) + ${__interval_ms} + $__range + ${__from} + $__to', t);

    // then
    expect(expr).toBe('rate(x[$__rate_interval]) + ${__interval_ms} + $__range + 80000 + 100000');
  });
});
