import { resolveTool, toolsBinDir, type ToolName } from '@o11y/workspace-tools';

/** The pinned executables the preview runs, from the workspace's .tools/bin (scripts/install-tools.sh). */
export const PROMETHEUS: ToolName = 'prometheus';
export const NODE_EXPORTER: ToolName = 'node_exporter';
export const OTELCOL: ToolName = 'otelcol';

export class MissingBinariesError extends Error {
  constructor(
    readonly missing: readonly ToolName[],
    binDir: string,
  ) {
    super(`${missing.join(' and ')} not found in ${binDir}: run bash scripts/install-tools.sh (needs Go 1.26+, no root)`);
  }
}

/** Paths of the required tools, in order; throws naming every missing one. */
export function locateBinaries(required: readonly ToolName[], binDir: string = toolsBinDir()): string[] {
  const found = required.map((tool) => {
    try {
      return resolveTool(tool, binDir).path;
    } catch {
      return undefined;
    }
  });
  const missing = required.filter((_, i) => found[i] === undefined);
  if (missing.length > 0) throw new MissingBinariesError(missing, binDir);
  return found as string[];
}
