/** SYNTHETIC SOURCE FOR PREVIEW ONLY: Envoy-format stats for a made-up mesh, not a real proxy. */
import { createEnvoyMetrics } from './envoy-metrics.js';
import { FlagError, parseFlags, splitListenAddress } from './flags.js';
import { seededRng } from './random.js';
import { startEnvoyStatsServer } from './server.js';
import { syntheticMesh } from './topology.js';
import { createTrafficSimulator } from './traffic.js';

async function main(): Promise<void> {
  let options;
  try {
    options = parseFlags(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  const metrics = createEnvoyMetrics();
  const simulator = createTrafficSimulator(metrics, { ...syntheticMesh, entryRps: options.rps }, seededRng(options.seed));
  const stop = simulator.start(options.tickMs);
  const { host, port } = splitListenAddress(options.listenAddress);
  const server = await startEnvoyStatsServer(metrics.registry, host, port);
  const services = syntheticMesh.services.map((s) => `${s.namespace}/${s.service}`).join(', ');
  process.stdout.write(
    `envoy-traffic (synthetic, preview only) listening on http://${server.address}/stats/prometheus: ${services}, ${options.rps} rps, seed ${options.seed}\n`,
  );
  const shutdown = () => {
    stop();
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

await main();
