import { randomBytes } from 'node:crypto';
import { startGrafanaDouble, type GrafanaDoubleProcess } from '@o11y/grafana-double';
import { startControlPlaneStandin, type ControlPlaneStandinProcess } from './start-control-plane-standin.js';

/** The Grafana stand-in in AMG mode and the control-plane stand-in in front of it, as the AMG tests use them. */
export interface AmgStandins {
  readonly double: GrafanaDoubleProcess;
  readonly standin: ControlPlaneStandinProcess;
  /** Admin token of the Grafana stand-in (made at run time; what the control plane's tokens are minted with). */
  readonly bootstrapToken: string;
  /** Back to a healthy workspace with no recorded calls or requests; the number of tokens minted so far. */
  reset(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts both stand-ins as separate processes (a 12.4 workspace by default). */
export async function startAmgStandins(version = '12.4.2'): Promise<AmgStandins> {
  const bootstrapToken = ['glsa', randomBytes(16).toString('hex')].join('_');
  const double = await startGrafanaDouble({ version, amg: true, bootstrapToken });
  const standin = await startControlPlaneStandin({ grafanaUrl: double.url, bootstrapToken });
  return {
    double,
    standin,
    bootstrapToken,
    async reset() {
      await standin.reset();
      await double.resetRequests();
      return (await standin.tokens()).length;
    },
    async stop() {
      await standin.stop();
      await double.stop();
    },
  };
}
