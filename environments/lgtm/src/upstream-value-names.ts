import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Value names of the upstream Helm charts the LGTM stack relies on, vendored per chart and pinned version (environments/lgtm/helm-values). */
export const HELM_VALUE_NAMES_DIRECTORY = fileURLToPath(new URL('../helm-values/', import.meta.url));

/** One vendored file: the dotted value paths the project sets, as the upstream chart's values.yaml names them. */
export interface UpstreamValueNames {
  readonly chart: string;
  /** The chart version HELM_CHARTS pins; the file must be re-vendored when it changes. */
  readonly pinnedVersion: string;
  /** Where the names were read: the upstream values.yaml at a commit, and the chart version of that commit. */
  readonly source: {
    readonly repository: string;
    readonly path: string;
    readonly commit: string;
    readonly chartVersion: string;
    readonly howIdentified: string;
  };
  /** Paths present among the upstream defaults. */
  readonly paths: readonly string[];
  /** Paths upstream documents only in commented-out examples (e.g. storageClass), which the templates read. */
  readonly documentedInComments: readonly string[];
  /** Subtrees whose keys are not the chart's (annotations, config blocks rendered with toYaml), with the reason. */
  readonly freeForm: Readonly<Record<string, string>>;
  readonly notes?: Readonly<Record<string, string>>;
}

export function helmValueNamesFile(chart: string, version: string): string {
  return join(HELM_VALUE_NAMES_DIRECTORY, `${chart}-${version}.json`);
}

/** The vendored value names of one chart version; one clear line when none are vendored. */
export function loadUpstreamValueNames(chart: string, version: string): UpstreamValueNames {
  const file = helmValueNamesFile(chart, version);
  if (!existsSync(file)) {
    throw new Error(`${file}: no vendored value names for Helm chart ${chart} ${version}; vendor them from the chart's values.yaml`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as UpstreamValueNames;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Dotted paths of `values` the upstream chart does not name. A known path's object value is walked further;
 * arrays and scalars are leaves; a free-form subtree is not walked.
 */
export function unknownValuePaths(values: unknown, names: UpstreamValueNames): string[] {
  const known = new Set<string>();
  for (const path of [...names.paths, ...names.documentedInComments, ...Object.keys(names.freeForm)]) {
    const parts = path.split('.');
    for (let i = 1; i <= parts.length; i++) known.add(parts.slice(0, i).join('.'));
  }
  const unknown: string[] = [];
  const walk = (value: unknown, prefix: string) => {
    if (!isMap(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (!known.has(path)) unknown.push(path);
      else if (!(path in names.freeForm)) walk(child, path);
    }
  };
  walk(values, '');
  return unknown;
}

/** One line per value the chart at the pinned version does not name, saying which chart, version and path. */
export function checkHelmValues(chart: string, version: string, values: unknown): string[] {
  const names = loadUpstreamValueNames(chart, version);
  if (names.chart !== chart || names.pinnedVersion !== version) {
    return [`${helmValueNamesFile(chart, version)}: says chart ${names.chart} ${names.pinnedVersion}, expected ${chart} ${version}`];
  }
  const { repository, path, commit } = names.source;
  return unknownValuePaths(values, names).map(
    (p) => `Helm chart ${chart} ${version}: value ${p} is not a value of the upstream chart (${repository}/${path}@${commit.slice(0, 12)})`,
  );
}

/** Every dotted key path of a values.yaml (arrays are leaves): what a re-vendoring compares the vendored paths with. */
export function valuePathsOfYaml(text: string): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, prefix: string) => {
    if (!isMap(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      paths.push(path);
      walk(child, path);
    }
  };
  walk(parse(text), '');
  return paths;
}
