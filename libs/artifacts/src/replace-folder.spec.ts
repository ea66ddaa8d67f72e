import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceFile, replaceFolder } from './replace-folder.js';

function existingFolder(): { parent: string; dir: string } {
  const parent = mkdtempSync(join(tmpdir(), 'replace-folder-'));
  const dir = join(parent, 'project');
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src', 'old.ts'), 'old\n');
  return { parent, dir };
}

describe('replaceFolder', () => {
  it('given a folder, when replaced, then it holds exactly the new files and no staging folder is left', () => {
    const { parent, dir } = existingFolder();
    replaceFolder(
      dir,
      new Map([
        ['package.json', '{}\n'],
        ['src/index.ts', 'new\n'],
      ]),
    );
    expect(readdirSync(dir).sort()).toEqual(['package.json', 'src']);
    expect(readdirSync(join(dir, 'src'))).toEqual(['index.ts']);
    expect(readdirSync(parent)).toEqual(['project']);
  });

  it('given a write that fails half-way, then the old folder is intact and nothing else is left', () => {
    const { parent, dir } = existingFolder();
    // "a" is written as a file, so "a/b" cannot be written below it
    expect(() =>
      replaceFolder(
        dir,
        new Map([
          ['a', 'file\n'],
          ['a/b', 'below a file\n'],
        ]),
      ),
    ).toThrow();
    expect(readFileSync(join(dir, 'src', 'old.ts'), 'utf8')).toBe('old\n');
    expect(readdirSync(parent)).toEqual(['project']);
  });

  it('creates a folder that does not exist yet, parents included', () => {
    const parent = mkdtempSync(join(tmpdir(), 'replace-folder-'));
    replaceFolder(join(parent, 'a', 'b'), new Map());
    expect(readdirSync(join(parent, 'a', 'b'))).toEqual([]);
  });
});

describe('replaceFile', () => {
  it('replaces the content and leaves no staging file', () => {
    const { dir } = existingFolder();
    replaceFile(join(dir, 'src', 'old.ts'), 'new\n');
    expect(readFileSync(join(dir, 'src', 'old.ts'), 'utf8')).toBe('new\n');
    expect(readdirSync(join(dir, 'src'))).toEqual(['old.ts']);
  });
});
