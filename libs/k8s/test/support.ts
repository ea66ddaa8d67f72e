import { Testing, type Chart } from 'cdk8s';
import { parse } from 'yaml';
import type { KubeObject } from '../src/validation/manifest.js';

export { validateCustomResource } from '../src/validation/custom-resources.js';
export { describeHelmCharts, type HelmChartSuite } from './helm-chart-suite.js';

/** Builds constructs in a fresh test chart and returns the synthesized objects. */
export function synth(build: (chart: Chart) => void): KubeObject[] {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart) as KubeObject[];
}

/** The one object of a kind (and name, when given); throws when it is not there. */
export function find(objects: readonly KubeObject[], kind: string, name?: string): KubeObject & Record<string, any> {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  if (!found)
    throw new Error(`no ${kind}${name ? ` ${name}` : ''} among ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  return found as KubeObject & Record<string, any>;
}

/** The parsed YAML stored under a ConfigMap key. */
export function configMapYaml(objects: readonly KubeObject[], name: string, key: string): any {
  return parse(find(objects, 'ConfigMap', name).data[key]);
}

/** The sample values tests use; AWS's documented example account. */
export const EXAMPLE = {
  region: 'eu-west-1',
  roleArn: 'arn:aws:iam::111122223333:role/test-role',
  remoteWriteUrl: 'https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-test/api/v1/remote_write',
} as const;
