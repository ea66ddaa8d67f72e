import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
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

/** Marks a dashboard JSON file given by a relative path, read once its environment says where it lives. */
const RELATIVE_JSON = Symbol('relative dashboard JSON file');

/**
 * A plain exported dashboard JSON file (teams migrating bring hundreds of these). A relative path
 * is resolved from the environment file that places the dashboard (never the working directory);
 * an absolute path or `file:` URL is read at once.
 */
export function dashboardFromJsonFile(path: string): DashboardDefinition {
  if (path.startsWith('file:') || isAbsolute(path)) return readDashboardJson(toPath(path));
  const unresolved = () => {
    throw new Error(
      `dashboardFromJsonFile(${JSON.stringify(path)}): a relative path is read from the environment file that places the dashboard; place it in defineEnvironment's dashboards or pass an absolute path`,
    );
  };
  return Object.defineProperties({ [RELATIVE_JSON]: path } as unknown as DashboardDefinition, {
    source: { get: unresolved, enumerable: true },
    model: { get: unresolved, enumerable: true },
  });
}

/** Reads a dashboard from dashboardFromJsonFile with a relative path, from the environment file's folder; others pass through. */
export function resolveDashboardFrom(environmentFile: string, dashboard: DashboardDefinition): DashboardDefinition {
  const relative = (dashboard as unknown as { [RELATIVE_JSON]?: string })[RELATIVE_JSON];
  return relative === undefined ? dashboard : readDashboardJson(resolve(dirname(environmentFile), relative));
}

function readDashboardJson(file: string): DashboardDefinition {
  let model: unknown;
  try {
    // Editors on Windows save JSON with a byte-order mark; JSON.parse rejects it.
    model = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
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
