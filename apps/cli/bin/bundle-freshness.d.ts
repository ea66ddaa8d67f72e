/** Where scripts/bundle.mjs writes the bundle. */
export const BUNDLE_DIR: string;
/** The file in BUNDLE_DIR recording the entry, the sources and their hash. */
export const INPUTS_FILE: string;
/** sha256 over each file's path and content (paths relative to root); undefined when one is missing. */
export function sourceHash(root: string, files: readonly string[]): string | undefined;
/** The bundle's entry when its recorded source hash matches the files it was built from, else undefined. */
export function freshBundle(dir?: string): string | undefined;
