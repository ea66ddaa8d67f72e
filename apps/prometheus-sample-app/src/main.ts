import { FlagError, parseFlags } from './flags.js';
import { createSampleMetrics } from './sample-metrics.js';
import { startSampleServer } from './server.js';

/** The TypeScript twin of aws-otel-community's prometheus-sample-app: same flags, metrics and endpoints. */
async function main(): Promise<void> {
  let options;
  try {
    options = parseFlags(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  const metrics = createSampleMetrics(options);
  const stopUpdates = metrics.start();
  const server = await startSampleServer(metrics.registry, options.listenAddress);
  process.stdout.write(
    `prometheus-sample-app listening on http://${server.address} (metric_type=${options.metricType} metric_count=${options.metricCount} ` +
      `label_count=${options.labelCount} datapoint_count=${options.datapointCount} metric_frequency=${options.metricFrequencySeconds}s)\n`,
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`prometheus-sample-app: ${signal}, shutting down\n`);
    stopUpdates();
    // Like the Go app: graceful shutdown with a 5 s limit.
    void server.close(5000).then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

await main();
