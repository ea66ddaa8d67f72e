import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The tools scripts/install-tools.sh builds into .tools/bin (scripts/tools/<tool>.sh). */
export type ToolName = 'prometheus' | 'promtool' | 'node_exporter' | 'otelcol' | 'helm';

export class MissingToolError extends Error {
  constructor(
    readonly tool: string,
    readonly binDir: string,
  ) {
    super(`${tool} not found in ${binDir}: run bash scripts/install-tools.sh (needs Go 1.26+; builds the pinned tools, no root)`);
  }
}

/** The workspace's .tools/bin, found from this file upwards (the folder holding nx.json). */
export function toolsBinDir(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return join(dir, '.tools', 'bin');
    if (dirname(dir) === dir) throw new Error(`no nx.json found above ${from}`);
  }
}

/** The absolute path of a pinned tool and the version it was built at; throws one line naming the install script. */
export function resolveTool(tool: ToolName, binDir: string = toolsBinDir()): { path: string; version: string } {
  const path = join(binDir, tool);
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new MissingToolError(tool, binDir);
  }
  const version = existsSync(`${path}.version`) ? readFileSync(`${path}.version`, 'utf8').trim() : 'unknown';
  return { path, version };
}
