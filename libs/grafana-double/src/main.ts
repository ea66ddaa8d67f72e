#!/usr/bin/env node
// grafana-double: a test stand-in for the Grafana HTTP API, started as its own process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDoubleServer } from './server.js';

const USAGE =
  'usage: grafana-double --port <p> [--host 127.0.0.1] [--data <dir>] [--grafana-version 12.4.2] [--amg] [--nested-folders] [--faults <ratio>] [--seed <n>] [--latency-ms <n>] [--bootstrap-token <t>]';

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      'grafana-version': { type: 'string', default: '12.4.2' },
      amg: { type: 'boolean', default: false },
      'nested-folders': { type: 'boolean' },
      faults: { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      'latency-ms': { type: 'string', default: '0' },
      'bootstrap-token': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: "${values.port}" is not a port number`);
  const faults = Number(values.faults);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed: "${values.seed}" is not an integer`);
  const latencyMs = Number(values['latency-ms']);
  if (!Number.isFinite(latencyMs) || latencyMs < 0)
    throw new Error(`--latency-ms: "${values['latency-ms']}" is not a number of milliseconds`);
  const temporary = values.data === undefined;
  const dataDir = values.data ?? mkdtempSync(join(tmpdir(), 'grafana-double-'));

  const double = createDoubleServer({
    dataDir,
    grafanaVersion: values['grafana-version'],
    amg: values.amg,
    nestedFolders: values['nested-folders'],
    faults,
    seed,
    latencyMs,
    // stand-in only: the private channel of the AMG control-plane stand-in
    bootstrapToken: values['bootstrap-token'] ?? (process.env.GRAFANA_DOUBLE_BOOTSTRAP_TOKEN || undefined),
  });
  double.server.listen(port, values.host, () => {
    const address = double.server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    const host = values.host.includes(':') ? `[${values.host}]` : values.host;
    console.log(
      `grafana-double (a test stand-in for the Grafana HTTP API, imitating ${double.version.version}${values.amg ? ', Amazon Managed Grafana' : ''}) listening on http://${host}:${actual}`,
    );
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void double.close().then(() => {
      if (temporary) rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

try {
  main();
} catch (error) {
  console.error(`grafana-double: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exit(2);
}
