import type { GeneratorCallback, Tree } from '@nx/devkit';

export interface DashboardGeneratorOptions {
  /** dashboards/<name>, @o11y/dashboard-<name>, Nx project dashboard-<name>. */
  name: string;
  /** Workspace-relative folder. @default `dashboards/<name>` */
  directory?: string;
  title?: string;
  description?: string;
  /** Packages the project's code imports besides the SDK, @o11y/artifacts, @o11y/grafana-model, @o11y/environment and @o11y/grafana-kit. */
  dependencies?: readonly string[];
  /** Marks a project `o11y import` may replace (package.json `o11y.generatedBy`). */
  generatedBy?: string;
  /** false: only package.json, tsconfig.json and vitest.config.ts, no example sources. @default true */
  sources?: boolean;
  skipInstall?: boolean;
  skipFormat?: boolean;
}

export interface EnvironmentGeneratorOptions {
  name: string;
  dashboards?: readonly string[];
  description?: string;
  skipInstall?: boolean;
  skipFormat?: boolean;
}

export function dashboardGenerator(tree: Tree, options: DashboardGeneratorOptions): Promise<GeneratorCallback | undefined>;
export function environmentGenerator(tree: Tree, options: EnvironmentGeneratorOptions): Promise<GeneratorCallback | undefined>;
/** What dashboardGenerator writes, in memory (nothing on disk), by path relative to the project folder. */
export function dashboardProjectFiles(workspaceRoot: string, options: DashboardGeneratorOptions): Promise<Map<string, string>>;
export function dashboardNames(name: string): { name: string; functionName: string; configType: string; defaultConfig: string };
