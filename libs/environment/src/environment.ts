import type { AlertingDefinition } from './alerting-definition.js';
import { resolveDashboardFrom, type DashboardDefinition } from './dashboard.js';
import type { DataSourceDefinition } from './datasource.js';
import type { EnvRef } from './env-ref.js';

/** A self-hosted Grafana reached by URL. */
export interface SelfHostedGrafana {
  readonly kind: 'self-hosted';
  readonly url: string | EnvRef;
  /** Grafana version the artifacts target, e.g. "12.4.2"; decides plugin types and API features. */
  readonly version: string;
}

/** An Amazon Managed Grafana workspace, found by id and region at publish time. */
export interface ManagedGrafana {
  readonly kind: 'amazon-managed-grafana';
  readonly workspaceId: string | EnvRef;
  readonly region: string | EnvRef;
  /** AMG version of the workspace: "9.4", "10.4" or "12.4". */
  readonly version: string;
}

export type GrafanaTarget = SelfHostedGrafana | ManagedGrafana;

/** A Grafana folder; `parent` nests it under another folder of the same environment. */
export interface FolderDefinition {
  readonly uid: string;
  readonly title: string;
  readonly parent?: string;
}

/** A dashboard placed in a folder. */
export interface DashboardPlacement {
  readonly folder: string;
  readonly dashboard: DashboardDefinition;
}

/** A synthesized Kubernetes chart: one multi-document YAML file in dist/<env>/k8s/<name>.yaml. */
export interface ChartArtifact {
  readonly name: string;
  readonly yaml: string;
}

/** A chart packaged for Helm: files (Chart.yaml, values.yaml, values.schema.json, templates/…) under dist/<env>/helm/<name>/. */
export interface HelmChartArtifact {
  readonly name: string;
  /** Content by path relative to the chart folder. */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * A panel or rule the environment keeps although none of its pipelines feeds it, and why; the metrics contract
 * (libs/metrics-contract) reports it otherwise. A declaration that matches nothing is itself reported.
 */
export interface WithoutSourceDeclaration {
  /** Dashboard uid. */
  readonly dashboard?: string;
  /** Panel title; every panel of the dashboard when absent. */
  readonly panel?: string;
  /** Alert rule title or uid, or a recording rule's record name. */
  readonly rule?: string;
  readonly why: string;
}

/** A collector configuration the environment runs outside its charts (the local preview's), as plain data. */
export interface MetricsPipelineSource {
  readonly name: string;
  /** The OpenTelemetry collector configuration object. */
  readonly config: unknown;
}

/** Everything one environment deploys. Adding an environment is one small file returning this. */
export interface EnvironmentDefinition {
  readonly name: string;
  /** The file that defines the environment (absolute path), for error messages. */
  readonly source: string;
  readonly grafana: GrafanaTarget;
  readonly folders: readonly FolderDefinition[];
  readonly datasources: readonly DataSourceDefinition[];
  readonly dashboards: readonly DashboardPlacement[];
  /** Kubernetes charts the environment deploys, synthesized at build time. */
  readonly charts?: () => readonly ChartArtifact[];
  /** The same charts as Helm charts whose per-account values are install-time values. */
  readonly helmCharts?: () => readonly HelmChartArtifact[];
  /**
   * Alert rules, contact points, notification policy, templates and mute timings as plain data; the build
   * compiles them against this environment's data sources, folders and dashboards.
   */
  readonly alerting?: AlertingDefinition;
  /** Collectors feeding the environment's metrics store that its charts do not deploy. */
  readonly metricsPipelines?: () => readonly MetricsPipelineSource[];
  /** Panels and rules with no source in this environment, each with its reason. */
  readonly withoutSource?: readonly WithoutSourceDeclaration[];
}

export function defineEnvironment(env: EnvironmentDefinition): EnvironmentDefinition {
  if (!/^[a-z][a-z0-9-]*$/.test(env.name)) {
    throw new Error(`${env.source}: environment name ${JSON.stringify(env.name)} must be lower-case letters, digits and dashes`);
  }
  const dashboards = env.dashboards.map((p) => ({ ...p, dashboard: resolveDashboardFrom(env.source, p.dashboard) }));
  return { ...env, dashboards };
}
