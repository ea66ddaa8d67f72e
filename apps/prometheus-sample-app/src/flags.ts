/** Options of the sample app, named after the Go app's flags (aws-otel-community sample-apps/prometheus-sample-app). */
export interface SampleAppOptions {
  /** host:port to listen on (`-listen_address`). */
  readonly listenAddress: string;
  /** Which metric types to register (`-metric_type`): all, counter, gauge, histogram or summary. */
  readonly metricType: MetricType;
  /** Metrics per type: test_counter0..N-1 and so on (`-metric_count`). */
  readonly metricCount: number;
  /** Constant labels foo_i="bar_i" on every series (`-label_count`). */
  readonly labelCount: number;
  /** Series per metric, labelled datapoint_id="0".."N-1" (`-datapoint_count`). */
  readonly datapointCount: number;
  /** Seconds between updates (`-metric_frequency`). */
  readonly metricFrequencySeconds: number;
}

export const METRIC_TYPES = ['all', 'counter', 'gauge', 'histogram', 'summary'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

/**
 * Defaults are what the recipe's image runs with (its shipped config.yaml: counts 1, frequency 1 s),
 * except the address: loopback rather than 0.0.0.0, because this twin is for local preview.
 */
export const defaultSampleAppOptions: SampleAppOptions = {
  listenAddress: '127.0.0.1:8080',
  metricType: 'all',
  metricCount: 1,
  labelCount: 1,
  datapointCount: 1,
  metricFrequencySeconds: 1,
};

export class FlagError extends Error {}

type FlagName = 'listen_address' | 'metric_type' | 'metric_count' | 'label_count' | 'datapoint_count' | 'metric_frequency';
const FLAGS: Record<FlagName, keyof SampleAppOptions> = {
  listen_address: 'listenAddress',
  metric_type: 'metricType',
  metric_count: 'metricCount',
  label_count: 'labelCount',
  datapoint_count: 'datapointCount',
  metric_frequency: 'metricFrequencySeconds',
};

export const USAGE = `Usage of prometheus-sample-app:
  -listen_address string    host:port to serve / and /metrics on (default "${defaultSampleAppOptions.listenAddress}")
  -metric_type string       all|counter|gauge|histogram|summary (default "all")
  -metric_count int         metrics per type (default 1)
  -label_count int          constant labels foo_i="bar_i" per series (default 1)
  -datapoint_count int      series per metric, datapoint_id="0".. (default 1)
  -metric_frequency int     seconds between updates (default 1)`;

/**
 * Parses arguments the way Go's flag package does: `-name=value`, `--name=value` or `-name value`;
 * parsing stops at the first non-flag argument or after `--`; unknown flags are errors.
 */
export function parseFlags(args: readonly string[]): SampleAppOptions {
  const options: Record<string, unknown> = { ...defaultSampleAppOptions };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') break;
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    if (name === 'h' || name === 'help') throw new FlagError(USAGE);
    if (!(name in FLAGS)) throw new FlagError(`flag provided but not defined: -${name}\n${USAGE}`);
    let value: string;
    if (eq >= 0) value = body.slice(eq + 1);
    else if (i + 1 < args.length) value = args[++i]!;
    else throw new FlagError(`flag needs an argument: -${name}\n${USAGE}`);
    options[FLAGS[name as FlagName]] = convert(name as FlagName, value);
  }
  return options as unknown as SampleAppOptions;
}

function convert(name: FlagName, value: string): string | number {
  if (name === 'listen_address') {
    if (!/^.*:\d+$/.test(value)) throw new FlagError(`invalid value "${value}" for flag -${name}: want host:port`);
    return value;
  }
  if (name === 'metric_type') {
    // The Go app exits with "Invalid type" for anything else.
    if (!(METRIC_TYPES as readonly string[]).includes(value))
      throw new FlagError(`Invalid type: ${value} (want one of ${METRIC_TYPES.join(', ')})`);
    return value;
  }
  if (!/^\d+$/.test(value)) throw new FlagError(`invalid value "${value}" for flag -${name}: parse error`);
  const n = Number(value);
  if (name === 'metric_frequency' && n < 1) throw new FlagError(`invalid value "${value}" for flag -${name}: must be at least 1`);
  return n;
}

/** Splits host:port; a bracketed IPv6 host loses its brackets. */
export function splitListenAddress(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(':');
  const host = address.slice(0, i).replace(/^\[(.*)\]$/, '$1');
  return { host: host === '' ? '0.0.0.0' : host, port: Number(address.slice(i + 1)) };
}
