import { describe, expect, it } from 'vitest';
import { FlagError, parseFlags } from './flags.js';

describe('parseFlags', () => {
  it("defaults to Envoy's admin port on loopback, 30 rps and a time-based seed", () => {
    expect(parseFlags([], 1234)).toEqual({ listenAddress: '127.0.0.1:9901', rps: 30, seed: 1234, tickMs: 200 });
  });

  it('reads --name=value and --name value', () => {
    expect(parseFlags(['--listen-address=127.0.0.1:0', '--rps', '5', '--seed=9', '--tick-ms=100'])).toEqual({
      listenAddress: '127.0.0.1:0',
      rps: 5,
      seed: 9,
      tickMs: 100,
    });
  });

  it('rejects unknown flags and bad values', () => {
    expect(() => parseFlags(['--port=1'])).toThrow(FlagError);
    expect(() => parseFlags(['--rps=-1'])).toThrow(/--rps must be a number/);
    expect(() => parseFlags(['--listen-address=9901'])).toThrow(/host:port/);
  });
});
