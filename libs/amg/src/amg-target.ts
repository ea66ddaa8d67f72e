import type { GrafanaTarget } from '@o11y/environment';
import { AmgError } from './amg-error.js';
import { openAmgSession } from './amg-session.js';
import { amgSessionOptionsFromEnv } from './session-options-from-env.js';

/** The parts of a built manifest the AMG target needs (structurally the publisher's Manifest). */
export interface ManifestTarget {
  readonly environment: string;
  readonly grafana: GrafanaTarget;
}

/** A Grafana to publish to, in the publisher's target shape: url, bearer token, and cleanup deleting the token. */
export interface AmgPublishTarget {
  readonly url: string;
  readonly auth: { readonly kind: 'token'; readonly token: string };
  /** The token, so the publisher scrubs it from anything it prints. */
  readonly secrets: readonly string[];
  /** AMG answers /api/health with 400 "Not allowed"; the publisher reads /api/frontend/settings instead. */
  readonly healthBlocked: true;
  cleanup(): Promise<void>;
}

/**
 * Target resolver for `amazon-managed-grafana` environments: opens an AMG session (short-lived token) and
 * hands the publisher its URL and token; cleanup deletes the token. Register it with the publisher's
 * registerTargetResolver('amazon-managed-grafana', resolveAmgTarget).
 */
export async function resolveAmgTarget(
  manifest: ManifestTarget,
  env: Readonly<Record<string, string | undefined>>,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<AmgPublishTarget> {
  if (manifest.grafana.kind !== 'amazon-managed-grafana') {
    throw new AmgError(`${manifest.environment}: not an Amazon Managed Grafana environment (${manifest.grafana.kind})`);
  }
  const session = await openAmgSession({ ...amgSessionOptionsFromEnv(manifest.environment, manifest.grafana, env), log });
  const token = session.bearerToken();
  return {
    url: session.url,
    auth: { kind: 'token', token },
    secrets: [token],
    healthBlocked: true,
    cleanup: async () => {
      await session.close();
    },
  };
}
