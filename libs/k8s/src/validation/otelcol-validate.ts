import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTool } from '@o11y/workspace-tools';
import { parse, stringify } from 'yaml';
import { isCollectorConfig } from './collector-config.js';
import type { KubeObject } from './manifest.js';

type Json = Record<string, unknown>;

/**
 * Exporter types the pinned collector (scripts/tools/otelcol.sh) does not contain: the module proxy serves no
 * contrib release with both awsxrayexporter and sigv4authextension. Each is validated as a `debug` exporter.
 */
export const EXPORTERS_NOT_IN_PINNED_COLLECTOR: readonly string[] = ['awsxray'];

/** A collector configuration found in synthesized objects, named by where it lives. */
export interface FoundCollectorConfig {
  readonly source: string;
  readonly config: Json;
}

/** Collector configurations in ConfigMap data (any key that parses as one) and OpenTelemetryCollector `spec.config`. */
export function collectorConfigsIn(objects: readonly KubeObject[]): FoundCollectorConfig[] {
  const found: FoundCollectorConfig[] = [];
  for (const o of objects as (KubeObject & Json)[]) {
    const where = `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
    if (o.kind === 'ConfigMap') {
      for (const [key, text] of Object.entries((o.data as Record<string, string> | undefined) ?? {})) {
        let value: unknown;
        try {
          value = parse(text);
        } catch {
          continue; // not YAML, so not a collector configuration
        }
        if (isCollectorConfig(value)) found.push({ source: `${where} data.${key}`, config: value });
      }
    }
    const spec = o.spec as Json | undefined;
    if (o.kind === 'OpenTelemetryCollector' && isCollectorConfig(spec?.config))
      found.push({ source: `${where} spec.config`, config: spec.config });
  }
  return found;
}

/** The configuration with every exporter the pinned collector lacks replaced by `debug/<id>`; also lists them. */
export function substituteMissingExporters(config: Json): { config: Json; substituted: string[] } {
  const copy = structuredClone(config) as Json & { exporters?: Json; service?: { pipelines?: Record<string, { exporters?: string[] }> } };
  const renamed = new Map<string, string>();
  for (const id of Object.keys(copy.exporters ?? {})) {
    if (!EXPORTERS_NOT_IN_PINNED_COLLECTOR.includes(id.split('/')[0]!)) continue;
    const debugId = `debug/${id.replace('/', '-')}`;
    renamed.set(id, debugId);
    delete copy.exporters![id];
    copy.exporters![debugId] = { verbosity: 'basic' };
  }
  for (const pipeline of Object.values(copy.service?.pipelines ?? {})) {
    if (pipeline.exporters) pipeline.exporters = pipeline.exporters.map((id) => renamed.get(id) ?? id);
  }
  return { config: copy, substituted: [...renamed.keys()] };
}

/** Placeholder credentials, plainly not keys: sigv4auth would otherwise ask the EC2 instance metadata address. */
const COLLECTOR_ENV = {
  AWS_ACCESS_KEY_ID: 'placeholder-for-otelcol-validate',
  AWS_SECRET_ACCESS_KEY: 'placeholder-for-otelcol-validate',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/**
 * Loads the configuration with the pinned collector's `validate` command; throws with the collector's own
 * message when it rejects it. Exporters the pinned build lacks are validated as `debug` (returned).
 */
export function otelcolValidate(config: Json, source = 'collector configuration'): { substituted: string[] } {
  const otelcol = resolveTool('otelcol').path;
  const { config: loadable, substituted } = substituteMissingExporters(config);
  const dir = mkdtempSync(join(tmpdir(), 'otelcol-validate-'));
  try {
    const file = join(dir, 'config.yaml');
    writeFileSync(file, stringify(loadable, { lineWidth: 0 }));
    execFileSync(otelcol, ['validate', `--config=file:${file}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: dir, ...COLLECTOR_ENV },
      timeout: 60_000,
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; status?: number; message: string };
    const output = `${err.stdout ?? ''}${err.stderr ?? ''}`.trim() || err.message;
    throw new Error(`${source}: the OpenTelemetry Collector rejects it (otelcol validate, exit ${err.status}): ${output}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { substituted };
}
