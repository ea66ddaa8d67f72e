import { versionAtLeast } from '@o11y/environment';
import type { GrafanaClient } from './grafana-client.js';
import { GrafanaHttpError } from './grafana-client.js';
import { PublishError } from './errors.js';

/** What the server is and which API this publisher uses with it. */
export interface ServerInfo {
  readonly version: string;
  /** Kubernetes-style API version for dashboards and folders, when the server has it (12: v1beta1, 13: v1). */
  readonly apis?: 'v1beta1' | 'v1';
  readonly nestedFolders: boolean;
}

export const MINIMUM_GRAFANA_VERSION = '10.4';

interface FrontendSettings {
  buildInfo?: { version?: string };
  featureToggles?: Record<string, boolean>;
}

/** Reads the version from /api/health, or /api/frontend/settings where health is blocked (AMG). */
export async function detectServer(client: GrafanaClient, prefix: string): Promise<ServerInfo> {
  let version: string | undefined;
  let settings: FrontendSettings | undefined;
  try {
    const health = await client.get<{ version?: string }>('/api/health', { what: 'version check' });
    version = health?.version;
  } catch (e) {
    // AMG answers 400 "Not allowed"; anything but an HTTP answer is a real failure.
    if (!(e instanceof GrafanaHttpError) || e.status === 401 || e.status === 403) throw e;
  }
  const major = version ? Number.parseInt(version, 10) : undefined;
  if (!version || (major !== undefined && major < 11)) {
    settings = await client.get<FrontendSettings>('/api/frontend/settings', { what: 'version check' });
    version ??= settings?.buildInfo?.version;
  }
  if (!version) throw new PublishError(`${prefix}: the server reports no Grafana version on /api/health or /api/frontend/settings`);
  if (!versionAtLeast(version, MINIMUM_GRAFANA_VERSION)) {
    throw new PublishError(`${prefix}: Grafana ${version} is too old: publishing needs ${MINIMUM_GRAFANA_VERSION} or later`);
  }
  const apis = versionAtLeast(version, '13') ? 'v1' : versionAtLeast(version, '12') ? 'v1beta1' : undefined;
  const nestedFolders = versionAtLeast(version, '11') || settings?.featureToggles?.nestedFolders === true;
  return { version, apis, nestedFolders };
}

/** A warning when the server differs from the declared version in a way that changes the artifacts. */
export function versionWarnings(
  declared: string,
  server: ServerInfo,
  usesNestedFolders: boolean,
  pluginTypes: readonly string[],
): string[] {
  const warnings: string[] = [];
  const major = (v: string) => v.split('.').slice(0, 2).join('.');
  if (major(declared) !== major(server.version)) {
    if (usesNestedFolders && !server.nestedFolders)
      warnings.push(
        `the environment declares Grafana ${declared} with nested folders; the server (${server.version}) has none, so folders land at the top level`,
      );
    if (pluginTypes.includes('grafana-amazonprometheus-datasource') && !versionAtLeast(server.version, '12'))
      warnings.push(
        `the environment declares Grafana ${declared}; the server (${server.version}) may lack the grafana-amazonprometheus-datasource plugin`,
      );
    if (warnings.length === 0) warnings.push(`the environment declares Grafana ${declared}; the server runs ${server.version}`);
  }
  return warnings;
}
