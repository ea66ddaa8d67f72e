/**
 * Publish benchmarks against the grafana-double (a stand-in for Grafana); writes the "Publish" section of BENCHMARKS.md.
 * Per imitated version, in one run: `o11y publish` of 200 generated dashboards in 10 folders cold, again with
 * no change, then after changing one; and grizzly's `grr apply` of the same 200 dashboards against a fresh stand-in.
 * Wall time is the whole command (process start to exit); client CPU is process.cpuUsage() of the publishing
 * process (user + system); stand-in CPU is the stand-in process's (from /proc, Linux); reads and writes come from
 * the stand-in's request log.
 * Each configuration also runs with 20 ms added to every answer of the stand-in, as a Grafana across a network.
 * Run with `npm run bench:publish` (grizzly: scripts/tools/grizzly.sh builds .tools/bin/grr).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startGrafanaDouble, type GrafanaDoubleProcess } from '@o11y/grafana-double';
import { freshBundle } from '../apps/cli/bin/bundle-freshness.js';
import { generatedDist } from '../apps/cli/test/e2e-fixtures.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'apps', 'cli', 'bin', 'o11y.js');
const grr = join(root, '.tools', 'bin', 'grr');
// Loopback answers in about a millisecond; 20 ms stands for a Grafana across a network (a cloud region away).
const CONFIGS = [
  { version: '12.4.2', latencyMs: 0 },
  { version: '11.6.1', latencyMs: 0 },
  { version: '12.4.2', latencyMs: 20 },
];

const REPEATS = 3;

function medianByWall(runs: Measured[]): Measured {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  // A target must hold on every run, not only the median one.
  return { ...median, writes: Math.max(...runs.map((r) => r.writes)), reads: Math.max(...runs.map((r) => r.reads)) };
}

interface Measured {
  label: string;
  wallMs: number;
  cpuMs?: number;
  standInCpuMs?: number;
  reads: number;
  writes: number;
  exit: number | null;
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU of a process so far, in ms (Linux /proc); undefined elsewhere. */
function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

function runTimed(command: string, args: string[], env: Record<string, string>, cwd = root) {
  const started = performance.now();
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise<{ ms: number; exit: number | null; output: string }>((resolve) =>
    child.on('close', (exit) => resolve({ ms: performance.now() - started, exit, output })),
  );
}

async function measure(
  label: string,
  double: GrafanaDoubleProcess,
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd?: string,
) {
  await double.resetRequests();
  const cpuFile = join(mkdtempSync(join(tmpdir(), 'o11y-bench-cpu-')), 'cpu.json');
  const standInBefore = processCpuMs(double.pid);
  const r = await runTimed(command, args, { ...env, O11Y_BENCH_CPU_FILE: cpuFile }, cwd);
  const standInAfter = processCpuMs(double.pid);
  if (r.exit !== 0) console.error(r.output);
  const log = await double.requests();
  const cpu = existsSync(cpuFile) ? (JSON.parse(readFileSync(cpuFile, 'utf8')) as { user: number; system: number }) : undefined;
  const m: Measured = {
    label,
    wallMs: r.ms,
    cpuMs: cpu ? (cpu.user + cpu.system) / 1000 : undefined,
    standInCpuMs: standInBefore === undefined || standInAfter === undefined ? undefined : standInAfter - standInBefore,
    reads: log.filter((q) => q.method === 'GET' || q.method === 'HEAD').length,
    writes: log.filter((q) => q.wrote).length,
    exit: r.exit,
  };
  console.log(
    `${label}: ${Math.round(m.wallMs)} ms wall, ${m.cpuMs ? Math.round(m.cpuMs) : '-'} ms CPU, ${m.standInCpuMs ?? '-'} ms stand-in CPU, ${m.reads} reads, ${m.writes} writes, exit ${m.exit}`,
  );
  return m;
}

/** The generated dashboards as grizzly resources: one YAML file, folders first. */
function grizzlyResources(dist: string): string {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as {
    resources: { kind: string; uid: string; path: string; folder?: string }[];
  };
  const docs = manifest.resources.map((r) => {
    const body = JSON.parse(readFileSync(join(dist, r.path), 'utf8')) as Record<string, unknown>;
    if (r.kind === 'folder')
      return {
        apiVersion: 'grizzly.grafana.com/v1alpha1',
        kind: 'DashboardFolder',
        metadata: { name: r.uid },
        spec: { uid: r.uid, orgId: 1, title: body.title },
      };
    return { apiVersion: 'grizzly.grafana.com/v1alpha1', kind: 'Dashboard', metadata: { name: r.uid, folder: r.folder }, spec: body };
  });
  // JSON is YAML: grizzly reads the documents as they are.
  return docs.map((d) => JSON.stringify(d)).join('\n---\n');
}

async function benchVersion(version: string, latencyMs: number) {
  const dist = generatedDist(200, 10);
  const env = { GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin', NO_COLOR: '1', CI: '1' };
  const node = (double: GrafanaDoubleProcess) => ({ ...env, GRAFANA_URL: double.url });
  const publish = ['--import', join(root, 'bench', 'cpu-usage.mjs'), cli, 'publish', 'generated', '--dist-dir', dist];

  const double = await startGrafanaDouble({ version, latencyMs });
  const rows: Measured[] = [];
  try {
    rows.push(await measure(`${version} +${latencyMs}ms o11y publish, cold`, double, process.execPath, publish, node(double)));
    // The shared machine's load swings: the repeatable runs are measured three times and the median (by wall) kept.
    const same: Measured[] = [];
    for (let i = 0; i < REPEATS; i++)
      same.push(await measure(`${version} +${latencyMs}ms o11y publish, no change`, double, process.execPath, publish, node(double)));
    rows.push(medianByWall(same));
    const one: Measured[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const changed = join(dist, 'grafana', 'dashboards', `gen-dash-${7 + i}.json`);
      const body = JSON.parse(readFileSync(changed, 'utf8')) as Record<string, unknown>;
      writeFileSync(changed, JSON.stringify({ ...body, title: `${String(body.title)}, changed` }, null, 2));
      one.push(
        await measure(`${version} +${latencyMs}ms o11y publish, one dashboard changed`, double, process.execPath, publish, node(double)),
      );
    }
    rows.push(medianByWall(one));
  } finally {
    await double.stop();
  }

  let grizzly: Measured | undefined;
  if (existsSync(grr)) {
    const fresh = await startGrafanaDouble({ version, latencyMs });
    const work = mkdtempSync(join(tmpdir(), 'o11y-bench-grr-'));
    writeFileSync(join(work, 'resources.yaml'), grizzlyResources(generatedDist(200, 10)));
    try {
      grizzly = await measure(
        `${version} +${latencyMs}ms grr apply, cold`,
        fresh,
        grr,
        ['apply', 'resources.yaml'],
        {
          HOME: work,
          GRAFANA_URL: fresh.url,
          GRAFANA_USER: 'admin',
          GRAFANA_TOKEN: 'admin',
        },
        work,
      );
      const dashboards = (await (
        await fetch(`${fresh.url}/api/search?type=dash-db&limit=5000`, {
          headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
        })
      ).json()) as unknown[];
      if (dashboards.length !== 200) throw new Error(`grr apply left ${dashboards.length} dashboards, not 200`);
    } finally {
      await fresh.stop();
      rmSync(work, { recursive: true, force: true });
    }
  } else console.log(`grizzly left out: ${grr} is missing (run scripts/tools/grizzly.sh)`);
  return { version, latencyMs, rows, grizzly };
}

// The bin falls back to tsx when the bundle is missing or stale: say which of the two was measured.
const cliMode = freshBundle() ? 'the precompiled bundle (apps/cli/dist/bundle)' : 'sources through tsx (the bundle was missing or stale)';
console.log(`o11y runs from ${cliMode}`);
const loadBefore = loadavg()[0]!;
const results = [];
for (const { version, latencyMs } of CONFIGS) results.push(await benchVersion(version, latencyMs));

const lscpu = (() => {
  try {
    return execFileSync('lscpu', { encoding: 'utf8' });
  } catch {
    return '';
  }
})();
const model = /Model name:\s*(.+)/.exec(lscpu)?.[1]?.trim() ?? cpus()[0]?.model.trim();
const machine = `${model}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}; 1-minute load average ${loadBefore.toFixed(1)} before the run, ${loadavg()[0]!.toFixed(1)} after`;
const s = (ms: number | undefined) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`);
const lines: string[] = [];
for (const { version, latencyMs, rows, grizzly } of results) {
  const at = `${version}, +${latencyMs} ms`;
  const [cold, same, one] = rows as [Measured, Measured, Measured];
  const ratio = grizzly ? cold.wallMs / grizzly.wallMs : undefined;
  const target = (ok: boolean, text: string) => `${text} ${ok ? '(met)' : '(missed)'}`;
  lines.push(
    `| ${at} | o11y publish, cold | ${s(cold.wallMs)} | ${s(cold.cpuMs)} | ${s(cold.standInCpuMs)} | ${cold.reads} | ${cold.writes} | ${ratio === undefined ? 'grizzly missing' : target(ratio <= 0.5, `${ratio.toFixed(2)} x grizzly's wall time; target <= 0.5`)} |`,
    `| ${at} | o11y publish, no change (median of ${REPEATS}) | ${s(same.wallMs)} | ${s(same.cpuMs)} | ${s(same.standInCpuMs)} | ${same.reads} | ${same.writes} | ${target(same.wallMs < 2000 && same.writes === 0, '< 2 s, 0 writes')} |`,
    `| ${at} | o11y publish, one dashboard changed (median of ${REPEATS}) | ${s(one.wallMs)} | ${s(one.cpuMs)} | ${s(one.standInCpuMs)} | ${one.reads} | ${one.writes} | ${target(one.writes === 1, '1 write')} |`,
    ...(grizzly
      ? [
          `| ${at} | grr apply (grizzly v0.7.1), cold, fresh stand-in | ${s(grizzly.wallMs)} | - | ${s(grizzly.standInCpuMs)} | ${grizzly.reads} | ${grizzly.writes} | |`,
        ]
      : []),
  );
}
const section = `<!-- publish:start -->
## Publish (\`npm run bench:publish\`)

Machine: ${machine}. Date: ${new Date().toISOString().slice(0, 10)}. o11y ran from ${cliMode}. Against the grafana-double (the stand-in, a separate
process on loopback), 200 generated dashboards in 10 folders (\`generatedDist(200, 10)\`). Wall time is the whole
command from process start to exit (Node start and module loading included); client CPU is \`process.cpuUsage()\`
of the publishing process; stand-in CPU is the stand-in process's CPU during the run (from /proc, 10 ms ticks);
reads and writes are from the stand-in's request log. The machine is shared with other
work, so absolute times vary from run to run.

| stand-in (version, added latency per request) | run | wall | client CPU | stand-in CPU | reads | writes | target |
|---|---|---|---|---|---|---|---|
${lines.join('\n')}

On 12 and later dashboards and folders are read with one \`/apis\` list call each (whole resources); on 11.6 the
legacy API has no bulk read, so a plan reads each dashboard once (\`/api/search\`, then one GET per dashboard, 8 at a
time): a no-change run there costs one read per dashboard by necessity.

Where the time goes (start-up measured apart from this table with \`/usr/bin/time\`, median of 5 runs, 1-minute load
about 9, 2026-11-30; profiles with \`node --cpu-prof\`): \`node -e 0\` takes 0.05 s of CPU. \`o11y publish --help\`
took 0.55 s of CPU (0.86 s wall) before the precompiled bundle: tsx resolves and transpiles every workspace module
through loader hooks on a worker thread, Node lexes each CommonJS package for its exports, and the publisher loaded
the build library's index (with the codemirror PromQL linter) for two workspace helpers. From the bundle
(\`cli:bundle\`, run by \`npm run build\`) it takes 0.13 s (0.36 s wall): Node's bootstrap 0.05 s, compiling the
chunks it needs (undici and commander are most of their 1.3 MB) about 0.03 s, the check that the bundle matches its
sources (a sha256 of about 100 files and the lockfile) about 0.01 s, source maps about 0.01 s. A no-change publish
took 0.80 s of CPU (1.48 s wall) and takes 0.41 s (0.66 s wall): past start-up, about 0.25 s is the plan itself
(deterministic JSON for the checksums, pruning defaults, walking for env references, 0.09 s of garbage
collection). Source maps cover only the workspace's own code: with the packages' mappings Node decoded a 0.7 MB map
each time undici closed a socket (it reads an error's stack), 0.1 s per run.

The cold-run target against loopback is still missed. grizzly's whole run takes 0.4-0.9 s there, of which the
stand-in's CPU is about 0.25 s; o11y's client needs about 0.5 s of CPU (0.13 s start-up, 0.25 s plan, about
0.1 s to send 210 writes) plus the stand-in's 0.15-0.2 s, on two cores shared with other work, so half of
grizzly's wall time (0.2-0.45 s) is below what the client alone costs. Across a network (the +20 ms rows) the
8 concurrent requests dominate and a cold publish takes a fraction of grizzly's time. A no-change run makes one
list call per kind and no writes; on 11.6 one read per dashboard.
<!-- publish:end -->`;

const file = join(root, 'BENCHMARKS.md');
let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
text = /<!-- publish:start -->[\s\S]*<!-- publish:end -->/.test(text)
  ? text.replace(/<!-- publish:start -->[\s\S]*<!-- publish:end -->/, section)
  : `${text.trimEnd()}\n\n${section}\n`;
writeFileSync(file, text);
console.log(`wrote ${file}`);
