import { describe, expect, it } from 'vitest';
import { defaultSampleAppOptions, FlagError, parseFlags, splitListenAddress } from './flags.js';

describe('parseFlags', () => {
  it('reads the recipe invocation', () => {
    // when
    const options = parseFlags(['-listen_address=0.0.0.0:8080', '-metric_count=10']);

    // then
    expect(options).toEqual({ ...defaultSampleAppOptions, listenAddress: '0.0.0.0:8080', metricCount: 10 });
  });

  it('accepts every flag in the forms Go accepts: -a=b, --a=b and -a b', () => {
    const options = parseFlags([
      '--metric_type=gauge',
      '-label_count',
      '3',
      '-datapoint_count=2',
      '-metric_frequency=5',
      '-metric_count=4',
    ]);
    expect(options).toMatchObject({ metricType: 'gauge', labelCount: 3, datapointCount: 2, metricFrequencySeconds: 5, metricCount: 4 });
  });

  it('defaults to what the recipe image runs with: one of each, updated every second, on loopback', () => {
    expect(parseFlags([])).toEqual({
      listenAddress: '127.0.0.1:8080',
      metricType: 'all',
      metricCount: 1,
      labelCount: 1,
      datapointCount: 1,
      metricFrequencySeconds: 1,
    });
  });

  it('stops at the first non-flag argument, as Go does', () => {
    // given the README's "generate -metric_type=..." form
    const options = parseFlags(['generate', '-metric_count=7']);

    // then everything after "generate" is ignored
    expect(options.metricCount).toBe(1);
  });

  it('rejects unknown flags, bad numbers and invalid types', () => {
    expect(() => parseFlags(['-normal.mean=0.2'])).toThrow(/flag provided but not defined: -normal.mean/);
    expect(() => parseFlags(['-metric_count=ten'])).toThrow(FlagError);
    expect(() => parseFlags(['-metric_type=exemplar'])).toThrow(/Invalid type/);
    expect(() => parseFlags(['-metric_frequency=0'])).toThrow(FlagError);
    expect(() => parseFlags(['-listen_address'])).toThrow(/needs an argument/);
  });

  it('splits host and port, including IPv6', () => {
    expect(splitListenAddress('127.0.0.1:8080')).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(splitListenAddress(':9000')).toEqual({ host: '0.0.0.0', port: 9000 });
    expect(splitListenAddress('[::1]:0')).toEqual({ host: '::1', port: 0 });
  });
});
