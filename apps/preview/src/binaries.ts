import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** An executable the preview runs, the names it goes by and the Debian package that provides it. */
export interface RequiredBinary {
  readonly names: readonly string[];
  readonly debianPackage: string;
}

export const PROMETHEUS: RequiredBinary = { names: ['prometheus'], debianPackage: 'prometheus' };
// Debian names it prometheus-node-exporter; the upstream release tarball calls it node_exporter.
export const NODE_EXPORTER: RequiredBinary = {
  names: ['prometheus-node-exporter', 'node_exporter'],
  debianPackage: 'prometheus-node-exporter',
};

export class MissingBinariesError extends Error {
  constructor(readonly missing: readonly RequiredBinary[]) {
    const packages = missing.map((b) => b.debianPackage).join(' ');
    super(
      `${missing.map((b) => b.names[0]).join(' and ')} not found on PATH: install Debian's ${missing.map((b) => `\`${b.debianPackage}\``).join(' and ')} ` +
        `package${missing.length > 1 ? 's' : ''} (sudo apt-get install -y ${packages}, or bash scripts/install-test-prerequisites.sh)`,
    );
  }
}

/** The first executable named `name` on PATH. */
export function whichExecutable(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/** Paths of the required binaries, in order; throws naming the packages of every missing one. */
export function locateBinaries(required: readonly RequiredBinary[], path?: string): string[] {
  const found = required.map((b) => b.names.map((n) => whichExecutable(n, path)).find((p) => p !== undefined));
  const missing = required.filter((_, i) => found[i] === undefined);
  if (missing.length > 0) throw new MissingBinariesError(missing);
  return found as string[];
}
