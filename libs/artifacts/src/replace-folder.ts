import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `dir` with exactly `files` (relative paths), all or nothing: they are written to a hidden
 * sibling first and swapped in by rename, so a failure leaves the old folder as it was.
 */
export function replaceFolder(dir: string, files: ReadonlyMap<string, string>): void {
  const staging = join(dirname(dir), `.${basename(dir)}.staging-${process.pid}`);
  const previous = join(dirname(dir), `.${basename(dir)}.old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging, { recursive: true });
    for (const [path, content] of files) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), content);
    }
    if (existsSync(dir)) renameSync(dir, previous);
    renameSync(staging, dir);
  } catch (e) {
    if (!existsSync(dir) && existsSync(previous)) renameSync(previous, dir);
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  rmSync(previous, { recursive: true, force: true });
}

/** Replaces one file by writing a hidden sibling and renaming it over the original. */
export function replaceFile(file: string, content: string): void {
  const staging = join(dirname(file), `.${basename(file)}.staging-${process.pid}`);
  try {
    writeFileSync(staging, content);
    renameSync(staging, file);
  } catch (e) {
    rmSync(staging, { force: true });
    throw e;
  }
}
