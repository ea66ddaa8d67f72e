// Whether the precompiled bundle was built from the sources as they are now. Plain JavaScript: the bin
// runs it before anything (tsx or the bundle) is loaded; scripts/bundle.mjs records what it checks.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BUNDLE_DIR = join(import.meta.dirname, '..', 'dist', 'bundle');
export const INPUTS_FILE = 'o11y.inputs.json';

/** sha256 over each file's path and content (paths relative to root); undefined when one is missing. */
export function sourceHash(root, files) {
  const hash = createHash('sha256');
  for (const file of files) {
    const path = join(root, file);
    if (!existsSync(path)) return undefined;
    hash.update(`${file}\0`).update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

/** The bundle's entry when its recorded source hash matches the files it was built from, else undefined. */
export function freshBundle(dir = BUNDLE_DIR) {
  const recorded = join(dir, INPUTS_FILE);
  if (!existsSync(recorded)) return undefined;
  const { root, files, hash, entry } = JSON.parse(readFileSync(recorded, 'utf8'));
  return sourceHash(join(dir, root), files) === hash ? join(dir, entry) : undefined;
}
