import { describe, expect, it } from 'vitest';
import { CliError, parsePreviewArgs } from './cli-options.js';

describe('parsePreviewArgs', () => {
  it("defaults to a 15 s scrape and Prometheus on the local environment's 127.0.0.1:9090", () => {
    expect(parsePreviewArgs([])).toEqual({
      keepData: false,
      scrapeInterval: '15s',
      prometheusListen: '127.0.0.1:9090',
      check: false,
      help: false,
    });
  });

  it('reads every option', () => {
    expect(
      parsePreviewArgs(['--keep-data', '--check', '--scrape-interval=1s', '--prometheus-listen=127.0.0.1:0', '--out-dir=/tmp/x']),
    ).toEqual({
      keepData: true,
      check: true,
      scrapeInterval: '1s',
      prometheusListen: '127.0.0.1:0',
      outDir: '/tmp/x',
      help: false,
    });
  });

  it('rejects unknown options and malformed intervals', () => {
    expect(() => parsePreviewArgs(['--grafana'])).toThrow(CliError);
    expect(() => parsePreviewArgs(['--scrape-interval=fast'])).toThrow(/--scrape-interval/);
    expect(() => parsePreviewArgs(['--out-dir'])).toThrow(/needs a value/);
  });
});
