import { isAbsolute } from 'node:path';
import {
  ALERTING_RESOURCE_KINDS,
  DefinitionError,
  envRefsIn,
  type AlertingResourceKind,
  type EnvironmentDefinition,
  type Problem,
  compareStrings,
} from '@o11y/environment';
import { canonicalJson, contentHash } from './canonical-json.js';
import { compileAlerting } from '@o11y/alerting';
import { normalizeDashboard, validateDashboard } from '@o11y/grafana-model';
import { checkMetricsContract } from '@o11y/metrics-contract';
import { validateEnvironment } from './validate/environment.js';
import { workspacePath } from './workspace.js';

/**
 * Resource kinds in the order a publisher applies them (deletes go in reverse): alerting after
 * dashboards (rules link to them), Prometheus rule files for AMP / Mimir, charts last.
 */
export const RESOURCE_KINDS = ['folder', 'datasource', 'dashboard', ...ALERTING_RESOURCE_KINDS, 'prometheus-rules', 'k8s-chart'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Folder under dist/<env>/grafana/alerting/ per alerting kind. */
const ALERTING_DIRS: Record<AlertingResourceKind, string> = {
  'alert-template': 'templates',
  'mute-timing': 'mute-timings',
  'contact-point': 'contact-points',
  'notification-policy': 'policies',
  'alert-rule-group': 'rule-groups',
};
// Names become file names: no separators, no leading dot.
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/;

/** One resource in dist/<env>/manifest.json. */
export interface ManifestEntry {
  readonly kind: ResourceKind;
  /** Grafana uid; the chart name, rule group title, template or mute timing name for those kinds. */
  readonly uid: string;
  /** File, relative to dist/<env>. */
  readonly path: string;
  readonly hash: string;
  /** Folder uid (dashboards, rule groups) or parent folder uid (folders). */
  readonly folder?: string;
  readonly title?: string;
  /** Environment variables the resource needs at publish time. */
  readonly env?: readonly string[];
  /** Defining source file, relative to the workspace root. */
  readonly source?: string;
}

export interface Manifest {
  readonly environment: string;
  readonly grafana: EnvironmentDefinition['grafana'];
  readonly resources: readonly ManifestEntry[];
}

/** A built environment: file contents by path (relative to dist/<env>) and the manifest. */
export interface EnvironmentBuild {
  readonly manifest: Manifest;
  readonly files: ReadonlyMap<string, string>;
  /**
   * What the metrics contract checked: PromQL queries, and queries of other data sources it left out (X-Ray, Loki…).
   * Undefined when the environment has no pipelines (no charts, no metricsPipelines), so nothing was checked.
   */
  readonly contract?: { readonly checked: number; readonly skipped: readonly string[] };
}

/**
 * Turns an environment definition into its artifacts, validating everything first.
 * Throws DefinitionError listing every problem; nothing is returned half-built.
 */
export function buildEnvironment(env: EnvironmentDefinition, workspaceRoot: string): EnvironmentBuild {
  const envFile = workspacePath(env.source, workspaceRoot);
  const problems: Problem[] = validateEnvironment(env, envFile, (f) => workspacePath(f, workspaceRoot));
  const contract = {
    dashboards: [] as Record<string, unknown>[],
    ruleGroups: [] as Record<string, unknown>[],
    prometheusRuleFiles: [] as { name: string; yaml: string }[],
    charts: [] as { name: string; yaml: string }[],
  };
  const entries: ManifestEntry[] = [];
  const files = new Map<string, string>();
  const add = (entry: Omit<ManifestEntry, 'hash'>, content: string) => {
    files.set(entry.path, content);
    entries.push({ ...entry, hash: contentHash(content) });
  };

  for (const f of env.folders) {
    const body = { uid: f.uid, title: f.title, ...(f.parent ? { parentUid: f.parent } : {}) };
    add({ kind: 'folder', uid: f.uid, title: f.title, path: `grafana/folders/${f.uid}.json`, folder: f.parent }, canonicalJson(body));
  }
  for (const ds of env.datasources) {
    const refs = [...envRefsIn(ds)].sort();
    add(
      { kind: 'datasource', uid: ds.uid, title: ds.name, path: `grafana/datasources/${ds.uid}.json`, env: refs.length ? refs : undefined },
      canonicalJson(ds),
    );
  }
  for (const { folder, dashboard } of env.dashboards) {
    const file = workspacePath(dashboard.source, workspaceRoot);
    const model = normalizeDashboard(dashboard.model);
    problems.push(...validateDashboard(model, { file, datasources: env.datasources }));
    contract.dashboards.push(model);
    const uid = String(model.uid);
    add(
      { kind: 'dashboard', uid, title: String(model.title), folder, path: `grafana/dashboards/${uid}.json`, source: file },
      canonicalJson(model),
    );
  }
  if (env.charts) {
    try {
      for (const chart of env.charts()) {
        contract.charts.push(chart);
        add(
          { kind: 'k8s-chart', uid: chart.name, path: `k8s/${chart.name}.yaml`, source: envFile },
          chart.yaml.endsWith('\n') ? chart.yaml : `${chart.yaml}\n`,
        );
      }
    } catch (e) {
      if (!(e instanceof DefinitionError)) throw e;
      problems.push(...e.problems);
    }
  }
  // Another packaging of the k8s-chart resources, not a resource of its own: no manifest entry.
  if (env.helmCharts) {
    try {
      for (const chart of env.helmCharts()) {
        for (const [path, content] of Object.entries(chart.files)) files.set(`helm/${chart.name}/${path}`, content);
      }
    } catch (e) {
      if (!(e instanceof DefinitionError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (env.alerting) {
    const alerting = compileAlerting(env.alerting, env);
    problems.push(...alerting.problems.map((p) => ({ ...p, file: isAbsolute(p.file) ? workspacePath(p.file, workspaceRoot) : p.file })));
    const seen = new Set<string>();
    for (const r of alerting.resources) {
      const resource = `${r.kind} ${r.uid}`;
      if (!FILE_NAME.test(r.uid))
        problems.push({
          file: envFile,
          resource,
          field: 'uid',
          message: 'must be letters, digits, ".", "-" and "_" (it names the artifact file)',
        });
      if (seen.has(resource)) problems.push({ file: envFile, resource, field: 'uid', message: 'defined twice' });
      seen.add(resource);
      if (r.kind === 'alert-rule-group') contract.ruleGroups.push(r.body as Record<string, unknown>);
      const refs = [...envRefsIn(r.body)].sort();
      const source = r.source ? workspacePath(r.source, workspaceRoot) : envFile;
      add(
        {
          kind: r.kind,
          uid: r.uid,
          title: r.title,
          folder: r.folder,
          path: `grafana/alerting/${ALERTING_DIRS[r.kind]}/${r.uid}.json`,
          env: refs.length ? refs : undefined,
          source,
        },
        canonicalJson(r.body),
      );
    }
    for (const f of alerting.prometheusRuleFiles) {
      if (!FILE_NAME.test(f.name))
        problems.push({
          file: envFile,
          resource: `prometheus rule group ${f.name}`,
          field: 'name',
          message: 'must be letters, digits, ".", "-" and "_" (it names the rule file)',
        });
      contract.prometheusRuleFiles.push({ name: f.name, yaml: f.yaml });
      const source = f.source ? workspacePath(f.source, workspaceRoot) : envFile;
      add({ kind: 'prometheus-rules', uid: f.name, path: `rules/${f.name}.yaml`, source }, f.yaml.endsWith('\n') ? f.yaml : `${f.yaml}\n`);
    }
  }
  // The metrics contract: every PromQL query is fed by a scrape job of this environment (or declared withoutSource).
  // An environment with no pipelines of its own (dashboards over a store fed elsewhere) has nothing to check against.
  const hasPipelines = env.charts !== undefined || env.metricsPipelines !== undefined;
  const checked = problems.length === 0 && hasPipelines ? checkMetricsContract(env, contract, environmentFolder(envFile)) : undefined;
  if (checked) problems.push(...checked.problems);
  if (problems.length > 0) throw new DefinitionError(problems);

  const order = (k: ResourceKind) => RESOURCE_KINDS.indexOf(k);
  entries.sort((a, b) => order(a.kind) - order(b.kind) || compareStrings(a.uid, b.uid));
  const manifest: Manifest = { environment: env.name, grafana: env.grafana, resources: entries };
  files.set('manifest.json', canonicalJson(manifest));
  const skipped = (checked?.skipped ?? []).map((q) => `${q.site.resource} ${q.site.field} (${q.datasourceType})`);
  return { manifest, files, contract: checked ? { checked: checked.checked, skipped: [...new Set(skipped)] } : undefined };
}

/** `environments/aws` for `environments/aws/src/environment.ts`: where the contract's problems are reported. */
function environmentFolder(envFile: string): string {
  const i = envFile.lastIndexOf('/src/');
  return i > 0 ? envFile.slice(0, i) : envFile;
}
