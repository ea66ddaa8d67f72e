import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_DIR, INPUTS_FILE, freshBundle, sourceHash } from '../bin/bundle-freshness.js';

const bin = join(import.meta.dirname, '..', 'bin', 'o11y.js');

/** A bundle folder recording two sources of a throwaway workspace. */
function recordedBundle(): { dir: string; source: string } {
  const root = mkdtempSync(join(tmpdir(), 'o11y-bundle-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'package-lock.json'), '{}\n');
  const dir = join(root, 'dist');
  mkdirSync(dir);
  writeFileSync(join(dir, 'o11y.mjs'), '');
  const files = ['src/a.ts', 'package-lock.json'];
  writeFileSync(join(dir, INPUTS_FILE), JSON.stringify({ entry: 'o11y.mjs', root: '..', hash: sourceHash(root, files), files }));
  return { dir, source: join(root, 'src', 'a.ts') };
}

describe('the precompiled bundle (cli:bundle, which the tests depend on)', () => {
  it('is fresh after the bundle target ran', () => {
    expect(freshBundle()).toBe(join(BUNDLE_DIR, 'o11y.mjs'));
  });

  it('is used while its sources are unchanged', () => {
    const { dir } = recordedBundle();
    expect(freshBundle(dir)).toBe(join(dir, 'o11y.mjs'));
  });

  it('is stale once a source it was built from changes', () => {
    // given
    const { dir, source } = recordedBundle();
    // when
    writeFileSync(source, 'export const a = 2;\n');
    // then
    expect(freshBundle(dir)).toBeUndefined();
  });

  it('is stale once a source it was built from is gone', () => {
    const { dir, source } = recordedBundle();
    rmSync(source);
    expect(freshBundle(dir)).toBeUndefined();
  });

  it('is not used when it was never built', () => {
    const { dir } = recordedBundle();
    const copy = mkdtempSync(join(tmpdir(), 'o11y-bundle-copy-'));
    cpSync(dir, copy, { recursive: true });
    rmSync(join(copy, INPUTS_FILE));
    expect(freshBundle(copy)).toBeUndefined();
  });

  it.each(['plan', 'publish', 'pull'])('gives `o11y %s --help` the same text as the sources', (command) => {
    // when
    const bundled = execFileSync('node', [bin, command, '--help'], { encoding: 'utf8' });
    const fromSources = execFileSync('node', [bin, command, '--help'], {
      encoding: 'utf8',
      env: { ...process.env, O11Y_CLI_FROM_SOURCE: '1' },
    });
    // then
    expect(bundled).toContain(`Usage: o11y ${command}`);
    expect(bundled).toBe(fromSources);
  });

  it('records every workspace source of plan and publish', () => {
    const { files } = JSON.parse(readFileSync(join(BUNDLE_DIR, INPUTS_FILE), 'utf8')) as { files: string[] };
    expect(files).toEqual(expect.arrayContaining(['apps/cli/src/commands/publish.ts', 'libs/publish/src/plan.ts', 'package-lock.json']));
    expect(files.some((f) => f.includes('node_modules'))).toBe(false);
  });
});
