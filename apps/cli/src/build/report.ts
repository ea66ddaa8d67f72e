import { DefinitionError, formatProblem, type DashboardDefinition, type EnvironmentDefinition } from '@o11y/environment';
import { join } from 'node:path';
import {
  buildEnvironment,
  canonicalJson,
  findProjectRoot,
  findWorkspaceRoot,
  workspacePath,
  writeArtifacts,
  type ManifestEntry,
} from '@o11y/artifacts';
import { normalizeDashboard, validateDashboard } from '@o11y/grafana-model';

/** Builds one environment into dist/<env> and prints what was built; problems go to stderr, one per line. */
export async function runEnvironmentBuild(env: EnvironmentDefinition): Promise<boolean> {
  const root = findWorkspaceRoot(env.source);
  const started = performance.now();
  try {
    const build = buildEnvironment(env, root);
    const outDir = join(root, 'dist', env.name);
    await writeArtifacts(outDir, build.files);
    const ms = Math.round(performance.now() - started);
    process.stdout.write(`${summaryLine(env.name, workspacePath(outDir, root), build.manifest.resources, build.files.size, ms)}\n`);
    for (const r of build.manifest.resources) process.stdout.write(`  ${r.kind.padEnd(20)}${r.uid.padEnd(28)}${r.path}\n`);
    if (!build.contract)
      process.stdout.write('  metrics contract: not checked, the environment defines no pipelines (charts or metricsPipelines)\n');
    else {
      const { checked, skipped } = build.contract;
      const outside = skipped.length ? `; outside it (not Prometheus): ${skipped.length} panels/rules` : '';
      process.stdout.write(`  metrics contract: ${checked} PromQL queries checked against the pipelines${outside}\n`);
    }
    return true;
  } catch (e) {
    reportFailure(env.name, e);
    return false;
  }
}

/** Builds one dashboard on its own (no environment) into <project>/dist/dashboard/<uid>.json. */
export async function runDashboardBuild(dashboard: DashboardDefinition): Promise<boolean> {
  const projectDir = findProjectRoot(dashboard.source);
  const root = findWorkspaceRoot(projectDir);
  const file = workspacePath(dashboard.source, root);
  const model = normalizeDashboard(dashboard.model);
  const problems = validateDashboard(model, { file });
  if (problems.length > 0) {
    reportFailure(String(model.uid), new DefinitionError(problems));
    return false;
  }
  const outDir = join(projectDir, 'dist', 'dashboard');
  await writeArtifacts(outDir, new Map([[`${model.uid}.json`, canonicalJson(model)]]));
  process.stdout.write(`built dashboard ${model.uid} -> ${workspacePath(join(outDir, `${model.uid}.json`), root)}\n`);
  return true;
}

/** An error thrown while a definition file was loaded: one line naming the file (or project), not a stack trace. */
export function reportLoadFailure(where: string, e: unknown): void {
  process.stderr.write(`error: ${where}: ${(e as Error).message ?? e}\nbuild failed; nothing was written\n`);
}

function summaryLine(name: string, out: string, resources: readonly ManifestEntry[], files: number, ms: number): string {
  const count = (kind: string, label: string) => {
    const n = resources.filter((r) => r.kind === kind).length;
    return n ? [`${n} ${label}${n === 1 ? '' : 's'}`] : [];
  };
  const parts = [
    ...count('dashboard', 'dashboard'),
    ...count('datasource', 'data source'),
    ...count('folder', 'folder'),
    ...count('alert-rule-group', 'alert rule group'),
    ...count('contact-point', 'contact point'),
    ...count('prometheus-rules', 'Prometheus rule file'),
    ...count('k8s-chart', 'chart'),
  ];
  return `built ${name} -> ${out}: ${parts.join(', ')} (${files} files, ${ms} ms)`;
}

function reportFailure(name: string, e: unknown): void {
  if (e instanceof DefinitionError) {
    for (const p of e.problems) process.stderr.write(`error: ${formatProblem(p)}\n`);
    process.stderr.write(
      `${name}: build failed with ${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}; nothing was written\n`,
    );
  } else {
    process.stderr.write(`error: ${name}: ${(e as Error).message ?? e}\n${name}: build failed; nothing was written\n`);
  }
}
