/** Runs the AMG control-plane STAND-IN as its own process (tests only; it is not AWS). Prints one ready line. */
import { parseArgs } from 'node:util';
import { AmgControlPlaneStandin } from './control-plane-standin.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'grafana-url': { type: 'string' },
    'bootstrap-token': { type: 'string' },
    'workspace-id': { type: 'string', default: 'g-0123456789' },
    region: { type: 'string', default: 'us-east-1' },
    'grafana-version': { type: 'string', default: '12.4' },
    'access-key-id': { type: 'string', default: ['AKIA', 'STANDIN000000000'].join('') },
    'secret-access-key': { type: 'string', default: 'standin-secret-access-key' },
  },
});
if (!values['grafana-url'] || !values['bootstrap-token']) {
  console.error(
    'usage: amg-control-plane-standin --grafana-url <double url> --bootstrap-token <token> [--port p] [--workspace-id g-..] [--region r] [--grafana-version v]',
  );
  process.exit(2);
}
const standin = new AmgControlPlaneStandin({
  workspaceId: values['workspace-id']!,
  region: values.region!,
  grafanaUrl: values['grafana-url'],
  bootstrapToken: values['bootstrap-token'],
  credentials: new Map([[values['access-key-id']!, values['secret-access-key']!]]),
  knobs: { grafanaVersion: values['grafana-version']! },
});
const url = await standin.listen(Number(values.port));
console.log(`AMG control-plane stand-in (not AWS) listening on ${url}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void standin.close().then(() => process.exit(0)));
}
