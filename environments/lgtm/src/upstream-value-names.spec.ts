import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { synth } from '@o11y/k8s/testing';
import { HELM_CHARTS } from './upstream-charts.js';
import { lokiValues } from './lgtm-helm-values.js';
import { LgtmStack, type LgtmStackProps } from './lgtm-stack.js';
import {
  HELM_VALUE_NAMES_DIRECTORY,
  checkHelmValues,
  loadUpstreamValueNames,
  unknownValuePaths,
  valuePathsOfYaml,
} from './upstream-value-names.js';

const storage = (name: string) => ({ bucket: `acme-${name}`, roleArn: `arn:aws:iam::111122223333:role/${name}` });
const props: LgtmStackProps = { region: 'eu-west-1', loki: storage('loki'), mimir: storage('mimir'), tempo: storage('tempo') };

/** Every Application the stack emits, with the chart, pinned version and values Argo CD hands to Helm. */
function emittedValues(extra: Partial<LgtmStackProps>) {
  return synth((chart) => new LgtmStack(chart, 'lgtm', { ...props, ...extra }))
    .filter((o) => o.kind === 'Application')
    .map((o) => {
      const source = (o as any).spec.source;
      return { chart: source.chart as string, version: source.targetRevision as string, values: source.helm.valuesObject };
    });
}

describe('upstream Helm value names', () => {
  it.each([
    ['single-binary', { mode: 'single-binary' }],
    ['distributed', { mode: 'distributed' }],
    ['distributed with provisioned data sources', { mode: 'distributed', provisionGrafanaDatasources: true }],
  ] as const)('names every value the LGTM stack sets (%s) as the upstream charts do', (_, extra) => {
    // given
    const applications = emittedValues(extra);
    // when
    const problems = applications.flatMap((a) => checkHelmValues(a.chart, a.version, a.values));
    // then
    expect(applications.map((a) => a.chart).sort()).toEqual(
      extra.mode === 'distributed'
        ? ['grafana', 'loki', 'mimir-distributed', 'tempo-distributed']
        : ['grafana', 'loki', 'mimir-distributed', 'tempo'],
    );
    expect(problems).toEqual([]);
  });

  it('fails on a misspelled key, naming the chart, version and path', () => {
    // given
    const values = lokiValues({
      mode: 'single-binary',
      region: 'eu-west-1',
      storage: storage('loki'),
      storageClass: 'gp3',
      serviceAccountName: 'loki',
    });
    const misspelled = { ...values, singleBinary: { replicas: 1, persistance: values.singleBinary.persistence } };
    // when
    const problems = checkHelmValues('loki', HELM_CHARTS.loki.version, misspelled);
    // then
    expect(problems).toEqual([
      expect.stringMatching(
        /^Helm chart loki 6\.46\.0: value singleBinary\.persistance is not a value of the upstream chart \(grafana\/loki\/production\/helm\/loki\/values\.yaml@0017528b798a\)$/,
      ),
    ]);
  });

  it('walks into known maps, not into free-form ones', () => {
    // given
    const names = loadUpstreamValueNames('mimir-distributed', HELM_CHARTS.mimir.version);
    // when
    const unknown = unknownValuePaths(
      {
        serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn' } },
        mimir: { structuredConfig: { anything: { goes: 1 } }, structuredconfig: {} },
        ingester: { persistentVolume: { storageClass: 'gp3', storageClassName: 'gp3' }, zoneAwareReplication: { enabled: true } },
      },
      names,
    );
    // then
    expect(unknown).toEqual(['mimir.structuredconfig', 'ingester.persistentVolume.storageClassName']);
  });

  it('has one vendored file per pinned chart, and none for a version not pinned', () => {
    // given
    const pinned = [HELM_CHARTS.loki, HELM_CHARTS.mimir, HELM_CHARTS.tempo, HELM_CHARTS.tempoDistributed, HELM_CHARTS.grafana];
    // when
    const files = readdirSync(HELM_VALUE_NAMES_DIRECTORY).sort();
    // then
    expect(files).toEqual(pinned.map((c) => `${c.chart}-${c.version}.json`).sort());
    for (const c of pinned) expect(loadUpstreamValueNames(c.chart, c.version)).toMatchObject({ chart: c.chart, pinnedVersion: c.version });
    expect(() => checkHelmValues('loki', '6.47.0', {})).toThrow(
      /loki-6\.47\.0\.json: no vendored value names for Helm chart loki 6\.47\.0/,
    );
  });

  it('extracts the dotted key paths of a values.yaml, arrays as leaves', () => {
    // given
    const yaml =
      'replicas: 1\npersistence:\n  enabled: false\n  # storageClassName: gp3\n  accessModes:\n    - ReadWriteOnce\nconfig: |\n  a: b\n';
    // when / then
    expect(valuePathsOfYaml(yaml)).toEqual(['replicas', 'persistence', 'persistence.enabled', 'persistence.accessModes', 'config']);
  });
});
