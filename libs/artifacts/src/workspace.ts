import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The folder holding nx.json, searched upwards from `from`. */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json found above ${from}`);
    dir = parent;
  }
}

/** The folder of the nearest package.json above `file`: the Nx project the file belongs to. */
export function findProjectRoot(file: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json found above ${file}`);
  }
}

/** A path relative to the workspace root, for messages and the manifest. */
export function workspacePath(absolute: string, root: string): string {
  return relative(root, absolute) || '.';
}

/** Names of the environments under environments/ (each has src/environment.ts). */
export function listEnvironments(workspaceRoot: string): string[] {
  const dir = join(workspaceRoot, 'environments');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'src', 'environment.ts')))
    .sort();
}
