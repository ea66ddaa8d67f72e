import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EnvironmentDefinition } from '@o11y/environment';
import { listEnvironments } from './workspace.js';

/** Imports environments/<name>/src/environment.ts and returns the environment it exports. */
export async function loadEnvironment(workspaceRoot: string, name: string): Promise<EnvironmentDefinition> {
  const file = join(workspaceRoot, 'environments', name, 'src', 'environment.ts');
  if (!existsSync(file)) {
    const known = listEnvironments(workspaceRoot);
    throw new Error(`unknown environment "${name}" (known: ${known.join(', ') || 'none'})`);
  }
  try {
    return await loadEnvironmentFile(file);
  } catch (e) {
    throw new Error(`${relative(workspaceRoot, file)}: ${(e as Error).message ?? e}`);
  }
}

/** Imports a file and returns the environment (a defineEnvironment result) it exports. */
export async function loadEnvironmentFile(file: string): Promise<EnvironmentDefinition> {
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const env = Object.values(mod).find(
    (v): v is EnvironmentDefinition => !!v && typeof v === 'object' && 'name' in v && 'grafana' in v && 'dashboards' in v,
  );
  if (!env) throw new Error('exports no environment (defineEnvironment(...))');
  return env;
}
