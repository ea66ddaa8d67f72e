import { DefinitionError, type ChartArtifact, type Problem, compareStrings } from '@o11y/environment';
import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { describe, validateManifests, type KubeObject, type Manifest } from '../validation/index.js';

export interface SynthesizeChartsOptions {
  /** The file that defines the charts, relative to the workspace root; problems point at it. */
  readonly source: string;
}

/** Apply order within a file: namespaces and cluster-wide objects before what lives in them. */
const KIND_ORDER = [
  'Namespace',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
  'Secret',
  'ConfigMap',
  'Service',
  'Deployment',
  'DaemonSet',
  'StatefulSet',
];
const rank = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);

/** Objects in apply order (the order of each chart file); Helm renders in its own kind order. */
export function sortObjects(objects: readonly KubeObject[]): KubeObject[] {
  const key = (o: KubeObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
  return [...objects].sort((a, b) => rank(a.kind) - rank(b.kind) || compareStrings(a.kind, b.kind) || compareStrings(key(a), key(b)));
}

/**
 * One chart's objects as a multi-document YAML file. YAML 1.1 rules quote strings such as `2024-04-01` or `on`
 * that Go's YAML decoders (kubectl, Argo CD, Helm) would otherwise read as timestamps or booleans.
 */
export function chartYaml(objects: readonly KubeObject[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0, version: '1.1' })).join('---\n');
}

/**
 * Synthesizes every chart of the app to one YAML file each (sorted by chart name, objects in apply order, no
 * hashed names), validates them all together, and throws a DefinitionError listing every problem.
 */
export function synthesizeCharts(app: App, options: SynthesizeChartsOptions): ChartArtifact[] {
  const problems: Problem[] = [];
  for (const construct of app.node.findAll()) {
    for (const message of construct.node.validate())
      problems.push({ file: options.source, resource: `construct ${construct.node.path}`, message });
  }
  const charts = app.node.children.filter((c): c is Chart => Chart.isChart(c)).sort((a, b) => compareStrings(a.node.id, b.node.id));
  const names = new Set<string>();
  const manifests: Manifest[] = [];
  const perChart = new Map<string, KubeObject[]>();
  for (const chart of charts) {
    const name = chart.node.id;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
      problems.push({
        file: options.source,
        resource: `chart ${name}`,
        message: 'chart ids become file names: use lower-case letters, digits and dashes',
      });
    if (names.has(name)) problems.push({ file: options.source, resource: `chart ${name}`, message: 'two charts share this name' });
    names.add(name);
    const objects = sortObjects(chart.toJson() as KubeObject[]);
    perChart.set(name, objects);
    for (const object of objects) manifests.push({ chart: name, object });
  }
  for (const issue of validateManifests(manifests)) {
    problems.push({ file: options.source, resource: describe(issue.manifest), field: issue.field, message: issue.message });
  }
  if (problems.length > 0) throw new DefinitionError(problems);
  return [...perChart].map(([name, objects]) => ({ name, yaml: chartYaml(objects) }));
}
