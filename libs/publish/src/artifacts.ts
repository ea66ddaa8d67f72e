import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest, ManifestEntry } from '@o11y/artifacts';
import { PublishError } from './errors.js';

/** Kinds this publisher writes to Grafana (Prometheus rule files and charts go elsewhere). */
export const GRAFANA_KINDS = [
  'folder',
  'datasource',
  'dashboard',
  'alert-template',
  'mute-timing',
  'contact-point',
  'notification-policy',
  'alert-rule-group',
] as const;
export type GrafanaKind = (typeof GRAFANA_KINDS)[number];

/** One resource as built: body still holds `${env:NAME}` references. */
export interface DesiredResource {
  readonly kind: GrafanaKind;
  readonly uid: string;
  readonly title?: string;
  readonly folder?: string;
  /** Path relative to dist/<env>. */
  readonly path: string;
  readonly env: readonly string[];
  readonly body: Record<string, unknown>;
}

export interface EnvironmentArtifacts {
  readonly manifest: Manifest;
  readonly resources: readonly DesiredResource[];
}

/** Reads dist/<env>/manifest.json and the Grafana resources it lists, in apply order. */
export function readArtifacts(distDir: string): EnvironmentArtifacts {
  const manifestFile = join(distDir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new PublishError(`${manifestFile} not found: run \`npm run build\` (or \`o11y build <env>\`) first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const kinds = new Set<string>(GRAFANA_KINDS);
  const resources = manifest.resources
    .filter((e: ManifestEntry) => kinds.has(e.kind))
    .map((e: ManifestEntry): DesiredResource => {
      const file = join(distDir, e.path);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      } catch (err) {
        throw new PublishError(`${file}: ${e.kind} ${e.uid}: cannot read artifact: ${(err as Error).message}`);
      }
      return { kind: e.kind as GrafanaKind, uid: e.uid, title: e.title, folder: e.folder, path: e.path, env: e.env ?? [], body };
    });
  const order = (k: GrafanaKind) => GRAFANA_KINDS.indexOf(k);
  // Stable sort keeps the manifest's order within a kind.
  resources.sort((a, b) => order(a.kind) - order(b.kind));
  return { manifest, resources };
}
