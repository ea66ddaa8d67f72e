import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'o11y.js');

describe('o11y build', () => {
  it('validates an environment without writing', () => {
    // when
    const out = execFileSync('node', [bin, 'build', '--check', 'local'], { encoding: 'utf8' });

    // then
    expect(out).toMatch(/^local: \d+ resources valid$/m);
  });

  it('names an unknown environment and the known ones, exiting non-zero', () => {
    const r = spawnSync('node', [bin, 'build', '--check', 'staging'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: unknown environment "staging" \(known: aws, lgtm, local\)$/m);
  });
});
