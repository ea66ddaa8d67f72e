import { compareStrings } from '@o11y/environment';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Replaces `outDir` with exactly `files`, all or nothing: everything is written to a
 * sibling temporary folder first, so a failed build never leaves half-written artifacts.
 */
export async function writeArtifacts(outDir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const staging = `${outDir}.tmp-${process.pid}`;
  const previous = `${outDir}.old-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    for (const [path, content] of [...files].sort(([a], [b]) => compareStrings(a, b))) {
      const target = join(staging, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
    }
    await mkdir(dirname(outDir), { recursive: true });
    await rename(outDir, previous).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    await rename(staging, outDir);
    await rm(previous, { recursive: true, force: true });
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}
