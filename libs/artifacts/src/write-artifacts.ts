import { compareStrings } from '@o11y/environment';
import { replaceFolder } from './replace-folder.js';

/**
 * Replaces `outDir` with exactly `files`, all or nothing (replaceFolder), so a failed build never
 * leaves half-written artifacts.
 */
export async function writeArtifacts(outDir: string, files: ReadonlyMap<string, string>): Promise<void> {
  replaceFolder(outDir, new Map([...files].sort(([a], [b]) => compareStrings(a, b))));
}
