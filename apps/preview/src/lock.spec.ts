import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquirePreviewLock, PreviewAlreadyRunningError, readLock } from './lock.js';

describe('acquirePreviewLock', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'o11y-preview-lock-'));
    path = join(dir, 'preview.lock');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second preview while the first holds the lock, naming its pid', () => {
    // given
    const first = acquirePreviewLock(path);
    first.update({ prometheusUrl: 'http://127.0.0.1:9090' });

    // when / then
    expect(() => acquirePreviewLock(path)).toThrow(PreviewAlreadyRunningError);
    expect(() => acquirePreviewLock(path)).toThrow(
      `a preview is already running (pid ${process.pid}) with Prometheus at http://127.0.0.1:9090`,
    );
    first.release();
  });

  it('takes over a lock left by a process that is gone', () => {
    // given the pid of a process that has exited
    const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    writeFileSync(path, JSON.stringify({ pid: gone }));

    // when
    const lock = acquirePreviewLock(path);

    // then
    expect(readLock(path)?.pid).toBe(process.pid);
    lock.release();
  });

  it('removes the file on release, once', () => {
    const lock = acquirePreviewLock(path);
    lock.release();
    lock.release();
    expect(existsSync(path)).toBe(false);
    acquirePreviewLock(path).release();
  });
});
