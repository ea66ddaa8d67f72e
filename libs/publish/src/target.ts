import type { Manifest } from '@o11y/artifacts';
import { resolveEnvRefs } from '@o11y/environment';
import type { GrafanaAuth } from './grafana-client.js';
import { PublishError } from './errors.js';

/** Where and how to reach the Grafana of an environment; `cleanup` revokes temporary credentials. */
export interface ResolvedTarget {
  readonly url: string;
  readonly auth: GrafanaAuth;
  readonly orgId?: string;
  /** Values that must never be printed (tokens, passwords). */
  readonly secrets?: readonly string[];
  /** The server blocks /api/health (Amazon Managed Grafana): read the version from /api/frontend/settings only. */
  readonly healthBlocked?: boolean;
  cleanup(): Promise<void>;
}

/** Turns an environment's `grafana` block into a target; AMG plugs its token flow in here. */
export type TargetResolver = (manifest: Manifest, env: Readonly<Record<string, string | undefined>>) => Promise<ResolvedTarget>;

const resolvers = new Map<string, TargetResolver>();

/** Registers the resolver for a target kind (e.g. 'amazon-managed-grafana' from @o11y/amg). */
export function registerTargetResolver(kind: string, resolver: TargetResolver): void {
  resolvers.set(kind, resolver);
}

/** Auth from GRAFANA_TOKEN, or GRAFANA_USER/GRAFANA_PASSWORD; none when neither is set. */
export function authFromEnv(env: Readonly<Record<string, string | undefined>>): GrafanaAuth {
  if (env.GRAFANA_TOKEN) return { kind: 'token', token: env.GRAFANA_TOKEN };
  if (env.GRAFANA_USER || env.GRAFANA_PASSWORD)
    return { kind: 'basic', user: env.GRAFANA_USER ?? '', password: env.GRAFANA_PASSWORD ?? '' };
  return { kind: 'none' };
}

function secretsOf(auth: GrafanaAuth): string[] {
  if (auth.kind === 'token') return [auth.token];
  if (auth.kind === 'basic') return [auth.password];
  return [];
}

/**
 * GRAFANA_URL wins; otherwise a self-hosted environment's url (references resolved), otherwise
 * the resolver registered for the environment's target kind.
 */
export async function resolveTarget(manifest: Manifest, env: Readonly<Record<string, string | undefined>>): Promise<ResolvedTarget> {
  const auth = authFromEnv(env);
  const common = { auth, orgId: env.GRAFANA_ORG_ID || undefined, secrets: secretsOf(auth), cleanup: async () => {} };
  if (env.GRAFANA_URL) return { url: env.GRAFANA_URL, ...common };
  const grafana = manifest.grafana;
  if (grafana.kind === 'self-hosted') {
    const url = resolveEnvRefs(grafana.url, env, `${manifest.environment}: grafana.url`);
    return { url, ...common };
  }
  const resolver = resolvers.get(grafana.kind);
  if (!resolver) {
    throw new PublishError(
      `${manifest.environment}: no way to reach a ${grafana.kind} target here: set GRAFANA_URL and GRAFANA_TOKEN, or install its target resolver`,
    );
  }
  return resolver(manifest, env);
}
