// Vitest global setup: every temporary file a test run makes (its own, and its child processes')
// goes below one folder, removed when the run ends, so repeated runs do not fill /tmp.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'o11y-test-'));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (!process.env.O11Y_KEEP_TEST_TMP) rmSync(dir, { recursive: true, force: true });
  };
}
