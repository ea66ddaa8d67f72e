import { describe, expect, it } from 'vitest';
import { parsePromQuery, promAnswerToDataResponse, roundIntervalGo, type PromQueryModel } from './promlib.js';

const H = 3_600_000;
const query = (over: Partial<PromQueryModel>): PromQueryModel => ({
  refId: 'A',
  expr: 'up',
  range: true,
  instant: false,
  interval: '',
  intervalMsModel: 0,
  queryIntervalMs: 60_000,
  maxDataPoints: 0,
  intervalFactor: 1,
  utcOffsetSec: 0,
  legendFormat: '',
  ...over,
});
const step = (over: Partial<PromQueryModel>, rangeMs: number, scrape: string) => parsePromQuery(query(over), 0, rangeMs, scrape).stepMs;

describe('promlib port: step (cases from pkg/promlib/models/prometheus_interval_test.go)', () => {
  it('uses the min step when it is bigger than the calculated value', () => {
    expect(step({ interval: '10m', intervalMsModel: 300_000, queryIntervalMs: 300_000, maxDataPoints: 761 }, 48 * H, '')).toBe(600_000);
  });
  it('uses the calculated value when the min step is smaller', () => {
    expect(step({ interval: '2m', intervalMsModel: 300_000, queryIntervalMs: 300_000, maxDataPoints: 761 }, 48 * H, '')).toBe(300_000);
  });
  it('with the data source scrape interval and no intervalMs', () => {
    expect(step({}, 12 * H, '15s')).toBe(30_000);
    expect(step({}, 1 * H, '15s')).toBe(15_000);
    expect(step({}, 48 * H, '240s')).toBe(240_000);
    expect(step({ intervalFactor: 10 }, 48 * H, '15s')).toBe(1_200_000);
  });
  it('$__interval and $__rate_interval as the min step', () => {
    expect(step({ interval: '$__interval', intervalMsModel: 60_000 }, 48 * H, '15s')).toBe(120_000);
    expect(
      step({ interval: '${__rate_interval}', intervalMsModel: 100_000, queryIntervalMs: 100_000, maxDataPoints: 12384 }, 48 * H, '30s'),
    ).toBe(130_000);
    expect(
      step({ interval: '$__rate_interval', intervalMsModel: 30_000, queryIntervalMs: 30_000, maxDataPoints: 12384 }, 1 * H, '30s'),
    ).toBe(120_000);
  });
  it('the safe interval wins over a tiny calculated one', () => {
    expect(step({ maxDataPoints: 10_000 }, 1 * H, '15s')).toBe(15_000);
  });
  it('refuses a min step that is not a duration', () => {
    expect(() => step({ interval: 'invalid-interval' }, 48 * H, '15s')).toThrow(/invalid duration/);
  });
});

describe('promlib port: macros and range', () => {
  it('replaces the interval, rate interval and range macros in both spellings, and aligns the range to the step', () => {
    // given: a 5 minute range, the frontend's 1 s interval, a 1 s scrape interval
    const q = query({
      expr: 'rate(x[$__rate_interval]) + rate(x[${__interval}]) + $__interval_ms + $__range_s + ${__range} + $__rate_interval_ms',
      intervalMsModel: 1000,
      queryIntervalMs: 1000,
      maxDataPoints: 1000,
    });

    // when
    const r = parsePromQuery(q, 1_700_000_000_500, 1_700_000_300_500, '1s');

    // then: max(1s + 1s, 4 x 1s) = 4s; step 1s; range 300 s
    expect(r.expr).toBe('rate(x[4s]) + rate(x[1s]) + 1000 + 300 + 300s + 4000');
    expect(r.stepMs).toBe(1000);
    expect([r.startMs, r.endMs, r.timeMs]).toEqual([1_700_000_000_000, 1_700_000_300_000, 1_700_000_300_500]);
    expect(r.range).toBe(true);
  });

  it('runs a query with neither range nor instant as a range query', () => {
    expect(parsePromQuery(query({ range: false, instant: false }), 0, H, '15s').range).toBe(true);
    expect(parsePromQuery(query({ range: false, instant: true }), 0, H, '15s').range).toBe(false);
  });

  it('rounds up to 10 ms down to 1 ms, as gtime does, and otherwise like the frontend', () => {
    expect([5, 10, 12, 900].map(roundIntervalGo)).toEqual([1, 1, 10, 1000]);
  });
});

describe('promlib port: data frames', () => {
  const req = parsePromQuery(query({ legendFormat: '{{job}}' }), 0, 60_000, '15s');

  it('one frame per series; NaN and infinities as null with entities, like the converter', () => {
    // when
    const r = promAnswerToDataResponse(req, 200, {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { __name__: 'up', job: 'a' },
            values: [
              [1, '1'],
              [2, 'NaN'],
              [3, '+Inf'],
            ],
          },
          { metric: { __name__: 'up', job: 'b' }, values: [[1, '0']] },
        ],
      },
    });

    // then
    expect(r.status).toBe(200);
    expect(r.frames).toHaveLength(2);
    expect(r.frames[0]!.schema.name).toBe('a');
    expect(r.frames[0]!.data).toEqual({
      values: [
        [1000, 2000, 3000],
        [1, null, null],
      ],
      entities: [null, { NaN: [1], Inf: [2] }],
    });
    expect(r.frames[0]!.schema.meta).toMatchObject({ type: 'timeseries-multi', custom: { resultType: 'matrix' } });
    expect(String(r.frames[0]!.schema.meta.executedQueryString)).toBe('Expr: up\nStep: 15s');
  });

  it('an empty result is one frame without fields, carrying the executed query', () => {
    const r = promAnswerToDataResponse(req, 200, { status: 'success', data: { resultType: 'vector', result: [] } });
    expect(r.frames).toEqual([
      { schema: { meta: { typeVersion: [0, 0], executedQueryString: 'Expr: up\nStep: 15s' }, fields: [] }, data: { values: [] } },
    ]);
  });

  it("a Prometheus error becomes the query's error with Prometheus' status", () => {
    const r = promAnswerToDataResponse(req, 400, { status: 'error', errorType: 'bad_data', error: 'parse error' });
    expect(r).toMatchObject({ status: 400, error: 'bad_data: parse error' });
  });
});
