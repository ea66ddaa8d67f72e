import { resolveEnvRefs, type ManagedGrafana } from '@o11y/environment';
import { AmgError } from './amg-error.js';
import type { AmgSessionOptions } from './amg-session.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Session options for an environment's AMG target: workspace and region from its `${env:...}` references
 * (AMG_WORKSPACE_ID, AWS_REGION), optional O11Y_AMG_SERVICE_ACCOUNT and O11Y_AMG_TOKEN_SECONDS, and the
 * tests-only control-plane endpoint O11Y_AMG_ENDPOINT.
 */
export function amgSessionOptionsFromEnv(environment: string, grafana: ManagedGrafana, env: Env): AmgSessionOptions {
  let target: { workspaceId: string; region: string };
  try {
    target = resolveEnvRefs(
      { workspaceId: grafana.workspaceId, region: grafana.region },
      env,
      `${environment}: Amazon Managed Grafana workspace`,
    );
  } catch (error) {
    throw new AmgError((error as Error).message);
  }
  const seconds = env['O11Y_AMG_TOKEN_SECONDS'];
  if (seconds !== undefined && seconds !== '' && !/^\d+$/.test(seconds)) {
    throw new AmgError(`${environment}: O11Y_AMG_TOKEN_SECONDS must be a whole number of seconds, got ${JSON.stringify(seconds)}`);
  }
  return {
    workspaceId: target.workspaceId,
    region: target.region,
    declaredVersion: grafana.version,
    serviceAccountName: env['O11Y_AMG_SERVICE_ACCOUNT'] || undefined,
    tokenSecondsToLive: seconds ? Number(seconds) : undefined,
    runLabel: environment,
    endpoint: env['O11Y_AMG_ENDPOINT'] || undefined,
  };
}
