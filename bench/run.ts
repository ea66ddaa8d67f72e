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
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildEnvironment, findWorkspaceRoot } from '@o11y/artifacts';
import type { EnvironmentDefinition } from '@o11y/environment';

const root = findWorkspaceRoot(import.meta.dirname);
// As npm run build and CI run Nx: no daemon, plugins loaded in Nx's own process (isolating each in a process of its own costs about 1 s of CPU per run).
const env = { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', NX_ISOLATE_PLUGINS: 'false' };

/** CPU seconds (user + system) of this process's finished children, from /proc (Linux); 0 elsewhere. */
function childrenCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in clock ticks (USER_HZ, 100 on Linux)
  } catch {
    return 0;
  }
}

/** Wall time, and CPU time of the command and its processes: on a shared machine the wall time includes waiting for a core. */
function timed(label: string, command: string, args: string[]): { ms: number; cpu: number; output: string } {
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  const output = execFileSync(command, args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - started;
  const cpu = childrenCpuSeconds() - cpuBefore;
  console.log(`${label}: ${Math.round(ms)} ms (${cpu.toFixed(1)} s CPU)`);
  return { ms, cpu, output };
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

const loadBefore = loadavg()[0]!.toFixed(1);
const grafana = await inProcess();
const cold = timed('cold build (no Nx cache)', 'npx', ['nx', 'run-many', '-t', 'build', '--skip-nx-cache', '--outputStyle=static']);
const cachedRuns = [1, 2, 3].map(() => {
  const run = timed('cached npm run build', 'npm', ['run', 'build', '--silent']);
  const hits = /read the output from the cache instead of running the command for (\d+) out of (\d+) tasks/.exec(run.output);
  console.log(`  cache hits: ${hits ? `${hits[1]}/${hits[2]}` : 'none'}`);
  return { ms: run.ms, cpu: run.cpu, hits: hits ? `${hits[1]}/${hits[2]}` : '0' };
});

const touched = join(root, 'dashboards/envoy/src/dashboard.ts');
const original = readFileSync(touched, 'utf8');
let affected: { ms: number; cpu: number; output: string };
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

Machine: ${machine}, load average ${loadBefore} when the run started. Date: ${new Date().toISOString().slice(0, 10)}.
Nx ran without its daemon and with its plugins in its own process (\`NX_ISOLATE_PLUGINS=false\`), as in \`npm run build\` and CI. Wall time, and in brackets the CPU time of Nx and the processes it waited for (not the
batch process that runs the builds, which the kernel does not count for the command).

| measurement | result | target |
|---|---|---|
| in-process build of all Grafana resources (${grafana.resources} resources, 3 environments, validation included), median of 7 | ${grafana.median.toFixed(1)} ms | < 1 s |
| same, first run including module imports | ${Math.round(grafana.first)} ms | |
| cold \`nx run-many -t build --skip-nx-cache\` | ${(cold.ms / 1000).toFixed(1)} s (${cold.cpu.toFixed(1)} s CPU) | < 6 s |
| cached \`npm run build\`, 3 runs after the cold build (cache hits per run) | ${cachedRuns.map((r) => `${(r.ms / 1000).toFixed(2)} s (${r.hits}, ${r.cpu.toFixed(1)} s CPU)`).join(', ')} | < 1.5 s |
| \`nx affected -t build\` after editing dashboards/envoy | ${(affected.ms / 1000).toFixed(1)} s (${affected.cpu.toFixed(1)} s CPU), rebuilt: ${rebuilt.join(', ')} | < 4 s, only envoy and the environments that include it |

Where the time goes: building and validating the Grafana resources takes tens of milliseconds. The
build targets of one Nx run share one process (the batch mode of tools/nx-plugin's executor), which
imports the TypeScript definitions once, about ${(grafana.first / 1000).toFixed(1)} s (the foundation SDK, cdk8s and the charts,
alerting), and then builds each project; the charts' YAML and validation are most of the rest (the CRD
validators are compiled once and kept in node_modules/.cache, kubernetes-models loads only the group
versions the charts use). What remains is Nx itself: after an edit it recomputes the project graph
(@nx/vitest re-reads the edited project's vitest config, about 0.5 s). Before, each project's build was
its own tsx process importing TypeScript again (cold 10.6 s, cached 1.9 s, affected 10.2 s on the same
machine, 2026-11-21, idle).
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
