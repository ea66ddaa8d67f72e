import { LOCAL_ENDPOINTS, listenAddress } from '@o11y/env-local';
/** Options of `npm run preview`. */
export interface PreviewCliOptions {
  readonly keepData: boolean;
  readonly scrapeInterval: string;
  readonly prometheusListen: string;
  /** Where the built local environment is written. */
  readonly outDir?: string;
  /** Once Prometheus has scraped a few times, check that every panel has data and print the result. */
  readonly check: boolean;
  readonly help: boolean;
}

export const PREVIEW_USAGE = `Usage: npm run preview -- [options]
  --keep-data                  keep the temporary data directory (TSDB, config, logs) after Ctrl-C
  --scrape-interval=15s        how often Prometheus scrapes the local workloads
  --prometheus-listen=HOST:PORT  where the started Prometheus listens (default 127.0.0.1:9090, the local
                               environment's data source; port 0 picks a free one)
  --out-dir=DIR                where the local environment is built (default dist/local)
  --check                      once scraped, send every panel's queries to Prometheus and report empty panels
Environment: PROMETHEUS_URL uses a running Prometheus instead of starting one.`;

export class CliError extends Error {}

export function parsePreviewArgs(args: readonly string[]): PreviewCliOptions {
  const options: { -readonly [K in keyof PreviewCliOptions]: PreviewCliOptions[K] } = {
    keepData: false,
    scrapeInterval: '15s',
    prometheusListen: listenAddress(LOCAL_ENDPOINTS.prometheus),
    check: false,
    help: false,
  };
  for (const arg of args) {
    const [flag, value] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const needValue = () => {
      if (!value) throw new CliError(`${flag} needs a value (${flag}=...)`);
      return value;
    };
    if (flag === '--keep-data') options.keepData = true;
    else if (flag === '--check') options.check = true;
    else if (flag === '--help' || flag === '-h') options.help = true;
    else if (flag === '--scrape-interval') options.scrapeInterval = needValue();
    else if (flag === '--prometheus-listen') options.prometheusListen = needValue();
    else if (flag === '--out-dir') options.outDir = needValue();
    else throw new CliError(`unknown option ${arg}\n${PREVIEW_USAGE}`);
  }
  if (!/^\d+(ms|s|m)$/.test(options.scrapeInterval))
    throw new CliError(`--scrape-interval must look like 15s, got ${options.scrapeInterval}`);
  return options;
}
