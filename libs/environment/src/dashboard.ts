import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Any dashboard JSON model (schema v1, as /api/dashboards/db takes it). */
export type DashboardModel = Record<string, unknown> & { uid?: string; title?: string; panels?: unknown[] };

/** Anything with a build() that returns a dashboard, such as the foundation SDK's DashboardBuilder. */
export interface DashboardModelBuilder {
  build(): object;
}

/** A dashboard and the file it was defined in (for error messages that point at the source). */
export interface DashboardDefinition {
  /** Absolute path of the defining file. */
  readonly source: string;
  readonly model: DashboardModel;
}

/**
 * Wraps a built dashboard with its source file. Call it as `defineDashboard(import.meta.url, builder)`.
 */
export function defineDashboard(sourceUrl: string, dashboard: DashboardModelBuilder | DashboardModel): DashboardDefinition {
  const model = (
    typeof (dashboard as DashboardModelBuilder).build === 'function' ? (dashboard as DashboardModelBuilder).build() : dashboard
  ) as DashboardModel;
  // Round-trip through JSON so builder internals (functions, undefined) never reach artifacts.
  return { source: toPath(sourceUrl), model: JSON.parse(JSON.stringify(model)) as DashboardModel };
}

/** A plain exported dashboard JSON file (teams migrating bring hundreds of these). */
export function dashboardFromJsonFile(path: string): DashboardDefinition {
  const file = toPath(path);
  let model: unknown;
  try {
    model = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not a readable dashboard JSON file: ${(e as Error).message}`);
  }
  if (!model || typeof model !== 'object' || Array.isArray(model)) throw new Error(`${file}: a dashboard JSON file must hold one object`);
  // Exports from "Export for sharing externally" wrap nothing, but API responses wrap the model in { dashboard, meta }.
  const inner = (model as { dashboard?: unknown }).dashboard;
  return { source: file, model: (inner && typeof inner === 'object' ? inner : model) as DashboardModel };
}

function toPath(urlOrPath: string): string {
  return urlOrPath.startsWith('file:') ? fileURLToPath(urlOrPath) : urlOrPath;
}
