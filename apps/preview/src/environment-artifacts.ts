import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentBuild, Manifest } from '@o11y/artifacts';
import type { DashboardJson, DatasourceJson, Json } from './dashboard-model.js';
import { chartObjects, type ChartObject } from '@o11y/metrics-contract';

/** An environment's artifacts: dist/<env> read from disk, or the same files from an in-memory build. */
export type EnvironmentArtifacts = Pick<EnvironmentBuild, 'manifest' | 'files'>;

/** dist/<env> as written by `npm run build`: the manifest and every file it lists. */
export function readBuiltArtifacts(distDir: string): EnvironmentArtifacts {
  const manifest = JSON.parse(readFileSync(join(distDir, 'manifest.json'), 'utf8')) as Manifest;
  const files = new Map(manifest.resources.map((r) => [r.path, readFileSync(join(distDir, r.path), 'utf8')] as const));
  return { manifest, files };
}

/** A built Grafana-managed alert rule, read loosely. */
export interface AlertRuleJson {
  readonly title: string;
  readonly uid?: string;
  readonly data: readonly {
    readonly refId: string;
    readonly datasourceUid: string;
    readonly relativeTimeRange?: { readonly from: number; readonly to: number };
    readonly model: Json & { readonly expr?: string; readonly instant?: boolean; readonly range?: boolean };
  }[];
}

export interface AlertRuleGroupJson {
  readonly title: string;
  readonly interval?: number;
  readonly rules: readonly AlertRuleJson[];
}

function resourcesOf<T>(artifacts: EnvironmentArtifacts, kind: string): T[] {
  return artifacts.manifest.resources
    .filter((r) => r.kind === kind)
    .map((r) => {
      const text = artifacts.files.get(r.path);
      if (text === undefined) throw new Error(`${r.path}: listed in the manifest but missing`);
      return JSON.parse(text) as T;
    });
}

export const artifactDashboards = (a: EnvironmentArtifacts) => resourcesOf<DashboardJson>(a, 'dashboard');
export const artifactDatasources = (a: EnvironmentArtifacts) => resourcesOf<DatasourceJson>(a, 'datasource');
export const artifactRuleGroups = (a: EnvironmentArtifacts) => resourcesOf<AlertRuleGroupJson>(a, 'alert-rule-group');

/** A Kubernetes object of the environment's charts; `chart` is its chart file, relative to dist/<env>. */
export type KubernetesObject = ChartObject;

/** Every object of every k8s-chart artifact (dist/<env>/k8s/*.yaml), read as the metrics contract reads them. */
export function artifactKubernetesObjects(artifacts: EnvironmentArtifacts): KubernetesObject[] {
  const charts = artifacts.manifest.resources.filter((x) => x.kind === 'k8s-chart');
  return chartObjects(charts.map((r) => ({ name: r.path, yaml: artifacts.files.get(r.path) ?? '' })));
}

/**
 * Grafana data source types that speak the Prometheus HTTP API (AMP's plugin signs its requests with SigV4,
 * Mimir is the core type); their panels and rules are what the end-to-end run can feed.
 */
export const PROMETHEUS_COMPATIBLE_TYPES: readonly string[] = ['prometheus', 'grafana-amazonprometheus-datasource'];

/** The data sources with every Prometheus-compatible type read as `prometheus`, so the query checks run them against a local one. */
export function asLocalPrometheus(datasources: readonly DatasourceJson[]): DatasourceJson[] {
  return datasources.map((d) => (PROMETHEUS_COMPATIBLE_TYPES.includes(d.type) ? { ...d, type: 'prometheus' } : d));
}

/** The dashboard with its data source variables of a Prometheus-compatible type read as `prometheus` too. */
export function dashboardAsLocalPrometheus(dashboard: DashboardJson): DashboardJson {
  const list = ((dashboard.templating as { list?: Json[] } | undefined)?.list ?? []).map((v) =>
    v.type === 'datasource' && PROMETHEUS_COMPATIBLE_TYPES.includes(String(v.query)) ? { ...v, query: 'prometheus' } : v,
  );
  return dashboard.templating ? { ...dashboard, templating: { ...(dashboard.templating as Json), list } } : dashboard;
}
