import { execFileSync } from 'node:child_process';
import { styleText } from 'node:util';
// The workspace helpers alone: the build library's index loads the PromQL linter (codemirror).
import { findWorkspaceRoot, listEnvironments } from '@o11y/artifacts/workspace';
import { distDirOf, PublishError, type PlanOptions, type PlannedChange } from '@o11y/publish';

/** Options common to plan and publish. */
export interface TargetFlags {
  caFile?: string;
  insecureSkipTlsVerify?: boolean;
  json?: boolean;
  distDir?: string;
}

const color = (style: Parameters<typeof styleText>[0], text: string) =>
  process.stdout.isTTY && !process.env.NO_COLOR ? styleText(style, text) : text;
export const paint = {
  green: (t: string) => color('green', t),
  yellow: (t: string) => color('yellow', t),
  red: (t: string) => color('red', t),
  dim: (t: string) => color('dim', t),
};

function gitCommit(root: string): string | undefined {
  if (process.env.GITHUB_SHA) return process.env.GITHUB_SHA.slice(0, 12);
  try {
    return (
      execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

export function planOptions(environment: string, flags: TargetFlags): { root: string; options: PlanOptions } {
  const root = findWorkspaceRoot();
  const known = listEnvironments(root);
  if (!flags.distDir && !known.includes(environment))
    throw new PublishError(`unknown environment "${environment}" (known: ${known.join(', ')})`);
  if (flags.insecureSkipTlsVerify)
    process.stderr.write(`warning: ${environment}: --insecure-skip-tls-verify: Grafana's certificate is not checked\n`);
  return {
    root,
    options: {
      distDir: flags.distDir ?? distDirOf(root, environment),
      env: process.env,
      caFile: flags.caFile,
      insecureSkipTlsVerify: flags.insecureSkipTlsVerify,
      gitCommit: gitCommit(root),
      ...(process.env.O11Y_PUBLISH_MIN_BACKOFF_MS ? { minBackoffMs: Number(process.env.O11Y_PUBLISH_MIN_BACKOFF_MS) } : {}),
      ...(process.env.O11Y_PUBLISH_TIMEOUT_MS ? { timeoutMs: Number(process.env.O11Y_PUBLISH_TIMEOUT_MS) } : {}),
    },
  };
}

const SIGN: Record<PlannedChange['action'], string> = { create: '+', update: '~', unchanged: ' ', drifted: '!', delete: '-' };

/** Human lines of a plan: changed resources with their diff; unchanged ones only counted. */
export function planLines(changes: readonly PlannedChange[], prune: boolean): string[] {
  const lines: string[] = [];
  for (const c of changes) {
    if (c.action === 'unchanged') continue;
    const title = c.title && c.title !== c.uid ? ` "${c.title}"` : '';
    let note: string = c.action;
    if (c.action === 'drifted') note = `drifted: ${c.reason}`;
    else if (c.action === 'delete') note = prune ? 'delete' : 'delete, applied with --prune';
    else if (c.reason) note = `${c.action}: ${c.reason}`;
    const paintFor = c.action === 'create' ? paint.green : c.action === 'delete' || c.action === 'drifted' ? paint.red : paint.yellow;
    lines.push(paintFor(`  ${SIGN[c.action]} ${c.kind} ${c.uid}${title} (${note})`));
    for (const d of c.diff) lines.push(paint.dim(`      ${d}`));
  }
  return lines;
}

/** Prints one error line and sets a failing exit code. */
export function fail(error: unknown, environment: string): void {
  const message = error instanceof PublishError ? error.message : `${environment}: ${(error as Error).message ?? String(error)}`;
  process.stderr.write(`error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = 1;
}
