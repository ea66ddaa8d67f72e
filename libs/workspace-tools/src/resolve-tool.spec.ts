import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MissingToolError, resolveTool, toolsBinDir } from './resolve-tool.js';

describe('resolveTool', () => {
  it('names the install script when a tool has not been built', () => {
    // given an empty tools folder
    const dir = mkdtempSync(join(tmpdir(), 'tools-'));

    // when / then
    expect(() => resolveTool('promtool', dir)).toThrow(MissingToolError);
    expect(() => resolveTool('promtool', dir)).toThrow(`promtool not found in ${dir}: run bash scripts/install-tools.sh`);
  });

  it('returns the executable and the version its stamp records', () => {
    // given a built tool with its stamp
    const dir = mkdtempSync(join(tmpdir(), 'tools-'));
    writeFileSync(join(dir, 'helm'), '#!/bin/sh\n');
    chmodSync(join(dir, 'helm'), 0o755);
    writeFileSync(join(dir, 'helm.version'), 'v3.22.0\n');

    // when / then
    expect(resolveTool('helm', dir)).toEqual({ path: join(dir, 'helm'), version: 'v3.22.0' });
  });

  it('looks in the workspace .tools/bin', () => {
    expect(toolsBinDir()).toBe(join(import.meta.dirname, '../../../.tools/bin'));
  });
});
