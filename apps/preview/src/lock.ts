import { openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pidAlive } from './child-process.js';

/** One preview per machine and user: a second `npm run preview` finds this file and says so. */
export const DEFAULT_LOCK_FILE = join(tmpdir(), `o11y-preview-${process.getuid?.() ?? 'user'}.lock`);

export interface LockContent {
  readonly pid: number;
  readonly prometheusUrl?: string;
}

export class PreviewAlreadyRunningError extends Error {
  constructor(readonly holder: LockContent) {
    super(
      `a preview is already running (pid ${holder.pid})${holder.prometheusUrl ? ` with Prometheus at ${holder.prometheusUrl}` : ''}; stop it with Ctrl-C first`,
    );
  }
}

export interface PreviewLock {
  readonly path: string;
  /** Records details (such as the Prometheus URL) for a second run to show. */
  update(content: Omit<LockContent, 'pid'>): void;
  release(): void;
}

/** Takes the lock (a stale one, whose process is gone, is taken over); throws PreviewAlreadyRunningError otherwise. */
export function acquirePreviewLock(path = DEFAULT_LOCK_FILE, pid = process.pid): PreviewLock {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, JSON.stringify({ pid }));
      closeSync(fd);
      let released = false;
      return {
        path,
        update: (content) => writeFileSync(path, JSON.stringify({ ...content, pid })),
        release() {
          if (released) return;
          released = true;
          if (readLock(path)?.pid === pid) rmSync(path, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Our own pid counts as running too: one preview per process as well.
      const holder = readLock(path) ?? (sleepMs(50), readLock(path));
      if (holder && pidAlive(holder.pid)) throw new PreviewAlreadyRunningError(holder);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the preview lock ${path}`);
}

export function readLock(path = DEFAULT_LOCK_FILE): LockContent | undefined {
  try {
    const content = JSON.parse(readFileSync(path, 'utf8')) as LockContent;
    return typeof content.pid === 'number' ? content : undefined;
  } catch {
    return undefined;
  }
}

/** A short synchronous pause: a lock file just created may not have its pid written yet. */
function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
