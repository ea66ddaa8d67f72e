import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSampleAppOptions, type SampleAppOptions } from './flags.js';
import { createSampleMetrics, type RandomSource } from './sample-metrics.js';

/** U = 0.25 and N(0,1) = 0, so every observation is the mean 0.18. */
const fixedRandom: RandomSource = { uniform: () => 0.25, standardNormal: () => 0 };
const options = (o: Partial<SampleAppOptions> = {}): SampleAppOptions => ({ ...defaultSampleAppOptions, ...o });

const tickAll = (m: ReturnType<typeof createSampleMetrics>) => m.types.forEach((t) => m.update(t));

describe('createSampleMetrics', () => {
  afterEach(() => vi.useRealTimers());

  it('registers N metrics of each type in a custom registry without process metrics', async () => {
    // given
    const m = createSampleMetrics(options({ metricCount: 10 }), fixedRandom);

    // when
    const metrics = await m.registry.getMetricsAsJSON();

    // then
    const names = metrics.map((x) => `${x.name}:${x.type}`);
    expect(names).toHaveLength(40);
    for (let i = 0; i < 10; i++) {
      expect(names).toEqual(
        expect.arrayContaining([
          `test_counter${i}:counter`,
          `test_gauge${i}:gauge`,
          `test_histogram${i}:histogram`,
          `test_summary${i}:summary`,
        ]),
      );
    }
    expect(names.some((n) => n.startsWith('process_') || n.startsWith('nodejs_'))).toBe(false);
    expect(metrics.find((x) => x.name === 'test_counter0')?.help).toBe('This is my counter');
  });

  it('exposes no series before the first tick', async () => {
    const m = createSampleMetrics(options(), fixedRandom);
    const text = await m.registry.metrics();
    expect(text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual([]);
  });

  it('labels every series with datapoint_id and the constant foo_i="bar_i" labels', async () => {
    // given
    const m = createSampleMetrics(options({ labelCount: 2, datapointCount: 3 }), fixedRandom);

    // when
    tickAll(m);

    // then
    const text = await m.registry.metrics();
    for (const d of ['0', '1', '2']) expect(text).toContain(`test_gauge0{datapoint_id="${d}",foo_0="bar_0",foo_1="bar_1"} 0.25`);
  });

  it('exposes the counter as test_counterN, without a _total suffix, adding U[0,1) per tick', async () => {
    const m = createSampleMetrics(options(), fixedRandom);
    m.update('counter');
    m.update('counter');
    const text = await m.registry.metrics();
    expect(text).toContain('# TYPE test_counter0 counter');
    expect(text).toContain('test_counter0{datapoint_id="0",foo_0="bar_0"} 0.5');
    expect(text).not.toContain('test_counter0_total');
  });

  it('sets the gauge to U[0,1) on every tick rather than adding', async () => {
    const m = createSampleMetrics(options(), fixedRandom);
    m.update('gauge');
    m.update('gauge');
    expect(await m.registry.metrics()).toContain('test_gauge0{datapoint_id="0",foo_0="bar_0"} 0.25');
  });

  it('observes N(0.18, 0.5) into histogram buckets 0.1, 0.5, 1 and +Inf', async () => {
    // given draws of -2, 0 and 1 standard deviations: -0.82, 0.18, 0.68
    const draws = [-2, 0, 1];
    const m = createSampleMetrics(options(), { uniform: () => 0.5, standardNormal: () => draws.shift()! });

    // when
    for (let i = 0; i < 3; i++) m.update('histogram');

    // then
    const text = await m.registry.metrics();
    expect(text).toContain('test_histogram0_bucket{le="0.1",datapoint_id="0",foo_0="bar_0"} 1');
    expect(text).toContain('test_histogram0_bucket{le="0.5",datapoint_id="0",foo_0="bar_0"} 2');
    expect(text).toContain('test_histogram0_bucket{le="1",datapoint_id="0",foo_0="bar_0"} 3');
    expect(text).toContain('test_histogram0_bucket{le="+Inf",datapoint_id="0",foo_0="bar_0"} 3');
    expect(text).toContain('test_histogram0_count{datapoint_id="0",foo_0="bar_0"} 3');
    const sum = /test_histogram0_sum\{datapoint_id="0",foo_0="bar_0"\} (\S+)/.exec(text)![1];
    expect(Number(sum)).toBeCloseTo(0.04, 10);
  });

  it('reports summary quantiles 0.1, 0.5 and 0.99 with _sum and _count', async () => {
    const m = createSampleMetrics(options(), fixedRandom);
    m.update('summary');
    const text = await m.registry.metrics();
    for (const q of ['0.1', '0.5', '0.99']) expect(text).toContain(`test_summary0{quantile="${q}",datapoint_id="0",foo_0="bar_0"} 0.18`);
    expect(text).toContain('test_summary0_count{datapoint_id="0",foo_0="bar_0"} 1');
  });

  it('registers only the picked type with -metric_type', async () => {
    const m = createSampleMetrics(options({ metricType: 'histogram', metricCount: 2 }), fixedRandom);
    expect((await m.registry.getMetricsAsJSON()).map((x) => x.name)).toEqual(['test_histogram0', 'test_histogram1']);
  });

  it('sleeps first, then updates every metric_frequency seconds', async () => {
    // given
    vi.useFakeTimers();
    const m = createSampleMetrics(options({ metricFrequencySeconds: 2 }), fixedRandom);
    const stop = m.start();
    const counterValue = async () => (await m.registry.getSingleMetric('test_counter0')!.get()).values[0]?.value;

    // when / then
    vi.advanceTimersByTime(1999);
    expect(await counterValue()).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(await counterValue()).toBe(0.25);
    vi.advanceTimersByTime(4000);
    expect(await counterValue()).toBe(0.75);

    // and after stop nothing changes
    stop();
    vi.advanceTimersByTime(10_000);
    expect(await counterValue()).toBe(0.75);
  });
});
