/**
 * Build benchmarks on this machine; writes the "Build" section of BENCHMARKS.md.
 *   - in-process: every environment's Grafana resources built and validated, no disk, no Nx
 *   - cold: `nx run-many -t build --skip-nx-cache`
 *   - cached: `npm run build` right after a build (every task a cache hit)
 *   - affected: `nx affected -t build` after one dashboard file changed
 * Run with `npm run bench`. Nx runs without its daemon, as in CI.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildEnvironment, findWorkspaceRoot } from '@o11y/artifacts';
import type { EnvironmentDefinition } from '@o11y/environment';

const root = findWorkspaceRoot(import.meta.dirname);
const env = { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' };

function timed(label: string, command: string, args: string[]): { ms: number; output: string } {
  const started = performance.now();
  const output = execFileSync(command, args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - started;
  console.log(`${label}: ${Math.round(ms)} ms`);
  return { ms, output };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function inProcess(): Promise<{ first: number; median: number; resources: number }> {
  const importStarted = performance.now();
  const envs: EnvironmentDefinition[] = [
    (await import('@o11y/env-local')).localEnvironment,
    (await import('@o11y/env-aws')).awsEnvironment,
    (await import('@o11y/env-lgtm')).lgtmEnvironment,
  ].map((e) => ({ ...e, charts: undefined }));
  const importMs = performance.now() - importStarted;
  const runs: number[] = [];
  let resources = 0;
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    resources = envs.reduce((n, e) => n + buildEnvironment(e, root).manifest.resources.length, 0);
    runs.push(performance.now() - started);
  }
  console.log(
    `in-process: ${resources} resources, first ${Math.round(runs[0]!)} ms (+${Math.round(importMs)} ms imports), median ${median(runs).toFixed(1)} ms`,
  );
  return { first: runs[0]! + importMs, median: median(runs), resources };
}

const grafana = await inProcess();
const cold = timed('cold build (no Nx cache)', 'npx', ['nx', 'run-many', '-t', 'build', '--skip-nx-cache', '--outputStyle=static']);
const cachedRuns = [1, 2, 3].map(() => {
  const run = timed('cached npm run build', 'npm', ['run', 'build', '--silent']);
  const hits = /read the output from the cache instead of running the command for (\d+) out of (\d+) tasks/.exec(run.output);
  console.log(`  cache hits: ${hits ? `${hits[1]}/${hits[2]}` : 'none'}`);
  return { ms: run.ms, hits: hits ? `${hits[1]}/${hits[2]}` : '0' };
});

const touched = join(root, 'dashboards/envoy/src/dashboard.ts');
const original = readFileSync(touched, 'utf8');
let affected: { ms: number; output: string };
try {
  // A unique edit, so the touched projects cannot be restored from an earlier run's cache.
  writeFileSync(touched, `${original}// benchmark edit ${Date.now()}\n`);
  affected = timed('affected build after one dashboard changed', 'npx', [
    'nx',
    'affected',
    '-t',
    'build',
    '--files=dashboards/envoy/src/dashboard.ts',
    '--outputStyle=static',
  ]);
} finally {
  writeFileSync(touched, original);
}
const rebuilt = [...affected.output.matchAll(/^> nx run ([\w-]+):build/gm)].map((m) => m[1]).sort();

const machine = `${cpus()[0]?.model.trim()} (${cpus().length} cores), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
const section = `<!-- build:start -->
## Build (\`npm run bench\`)

Machine: ${machine}. Date: ${new Date().toISOString().slice(0, 10)}. Nx ran without its daemon, as in CI.

| measurement | result | target |
|---|---|---|
| in-process build of all Grafana resources (${grafana.resources} resources, 3 environments, validation included), median of 7 | ${grafana.median.toFixed(1)} ms | < 1 s |
| same, first run including module imports | ${Math.round(grafana.first)} ms | |
| cold \`nx run-many -t build --skip-nx-cache\` | ${(cold.ms / 1000).toFixed(1)} s | |
| cached \`npm run build\`, 3 runs after the cold build (cache hits per run) | ${cachedRuns.map((r) => `${(r.ms / 1000).toFixed(2)} s (${r.hits})`).join(', ')} | < 3 s |
| \`nx affected -t build\` after editing dashboards/envoy | ${(affected.ms / 1000).toFixed(1)} s, rebuilt: ${rebuilt.join(', ')} | only envoy and the environments that include it |

Where the time goes: building and validating the Grafana resources takes tens of milliseconds; each
environment's build target is a separate tsx process that spends about ${(grafana.first / 1000).toFixed(1)} s importing TypeScript
(the foundation SDK, cdk8s and the charts, alerting), which dominates the cold and affected builds.
<!-- build:end -->`;

const file = join(root, 'BENCHMARKS.md');
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch {
  text = '# Benchmarks\n\nNumbers measured on the machine named in each section. Regenerate with the command in the section title.\n\n';
}
text = /<!-- build:start -->[\s\S]*<!-- build:end -->/.test(text)
  ? text.replace(/<!-- build:start -->[\s\S]*<!-- build:end -->/, section)
  : `${text.trimEnd()}\n\n${section}\n`;
writeFileSync(file, text);
console.log(`wrote ${file}`);
