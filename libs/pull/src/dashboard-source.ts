import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GENERATED_BY } from '@o11y/dashboard-import';

/** How a dashboard is defined in code, which decides what `pull --write` may do with it. */
export type DashboardSource =
  | { readonly kind: 'imported'; readonly file: string; readonly projectDir: string }
  | { readonly kind: 'hand-written'; readonly file: string; readonly projectDir?: string }
  | { readonly kind: 'json'; readonly file: string }
  | { readonly kind: 'unknown' };

function nearestPackageDir(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Classifies a manifest entry's source file: plain JSON, a project `o11y import` generated, or hand-written code. */
export function classifySource(workspaceRoot: string, source: string | undefined): DashboardSource {
  if (!source) return { kind: 'unknown' };
  const file = join(workspaceRoot, source);
  if (file.endsWith('.json')) return { kind: 'json', file };
  const projectDir = nearestPackageDir(file);
  if (projectDir && projectDir !== workspaceRoot) {
    try {
      const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { o11y?: { generatedBy?: unknown } };
      if (pkg.o11y?.generatedBy === GENERATED_BY) return { kind: 'imported', file, projectDir };
    } catch {
      // an unreadable package.json is no proof of generation: treat the code as hand-written
    }
  }
  return { kind: 'hand-written', file, projectDir: projectDir === workspaceRoot ? undefined : projectDir };
}
