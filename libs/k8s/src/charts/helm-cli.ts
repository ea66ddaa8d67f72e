import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { HelmChartArtifact } from '@o11y/environment';
import { resolveTool } from '@o11y/workspace-tools';
import { parseAllDocuments, stringify } from 'yaml';
import type { KubeObject } from '../validation/manifest.js';

/** What the pinned helm (scripts/tools/helm.sh) says about a chart installed with `values`. */
export interface HelmRender {
  readonly lint: string;
  readonly objects: KubeObject[];
}

function helm(args: string[], cwd: string): string {
  const executable = resolveTool('helm').path;
  try {
    // An empty HOME and XDG folders keep the user's repositories and plugins out of the result.
    return execFileSync(executable, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: cwd,
        XDG_CACHE_HOME: join(cwd, '.cache'),
        XDG_CONFIG_HOME: join(cwd, '.config'),
        XDG_DATA_HOME: join(cwd, '.data'),
      },
      timeout: 60_000,
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; status?: number; message: string };
    throw new Error(`helm ${args[0]} failed (exit ${err.status}): ${`${err.stdout ?? ''}${err.stderr ?? ''}`.trim() || err.message}`);
  }
}

/** Writes the chart to a temporary folder, runs `helm lint` and `helm template` with the values, returns the objects. */
export function helmLintAndTemplate(chart: HelmChartArtifact, values: Readonly<Record<string, string>>): HelmRender {
  const dir = mkdtempSync(join(tmpdir(), 'helm-chart-'));
  try {
    const chartDir = join(dir, chart.name);
    for (const [path, content] of Object.entries(chart.files)) {
      mkdirSync(dirname(join(chartDir, path)), { recursive: true });
      writeFileSync(join(chartDir, path), content);
    }
    const valuesFile = join(dir, 'values.yaml');
    writeFileSync(valuesFile, stringify(values));
    const lint = helm(['lint', '--strict', chartDir, '--values', valuesFile], dir);
    const rendered = helm(['template', chart.name, chartDir, '--values', valuesFile], dir);
    const objects = parseAllDocuments(rendered)
      .map((d) => d.toJS() as KubeObject | null)
      .filter((o): o is KubeObject => o !== null);
    return { lint, objects };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
