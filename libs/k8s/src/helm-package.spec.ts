import { DefinitionError } from '@o11y/environment';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { ConfigVariable } from './chart-config.js';
import { helmLintAndTemplate } from './helm-cli.js';
import { helmPackages } from './helm-package.js';
import { LGTM_CHART_CONFIG, lgtmCharts, lgtmHelmCharts } from './presets/lgtm-charts.js';
import { sortObjects } from './synthesize-charts.js';
import { validateManifests, type Manifest } from './validate/index.js';

const quiet = () => undefined;
/** An account other than the documentation examples, as a platform team would pass at install time. */
const ACCOUNT = {
  region: 'eu-west-1',
  lokiBucket: 'acme-loki',
  lokiRoleArn: 'arn:aws:iam::123456789012:role/acme-loki',
  mimirBucket: 'acme-mimir',
  mimirRoleArn: 'arn:aws:iam::123456789012:role/acme-mimir',
  tempoBucket: 'acme-tempo',
  tempoRoleArn: 'arn:aws:iam::123456789012:role/acme-tempo',
};
const ACCOUNT_ENV = Object.fromEntries(
  Object.entries(ACCOUNT).map(([k, v]) => [LGTM_CHART_CONFIG[k as keyof typeof LGTM_CHART_CONFIG].env, v]),
);

describe('helmPackages', () => {
  it('writes Chart.yaml, values.yaml with each used value and its default, values.schema.json and the template', () => {
    // when
    const stack = lgtmHelmCharts().find((c) => c.name === 'lgtm-stack')!;

    // then
    expect(Object.keys(stack.files).sort()).toEqual(['Chart.yaml', 'templates/lgtm-stack.yaml', 'values.schema.json', 'values.yaml']);
    expect(parse(stack.files['Chart.yaml']!)).toMatchObject({ apiVersion: 'v2', name: 'lgtm-stack', version: '0.1.0' });
    expect(parse(stack.files['values.yaml']!)).toEqual(
      Object.fromEntries(Object.entries(LGTM_CHART_CONFIG).map(([k, v]) => [k, v.example])),
    );
    expect(stack.files['values.yaml']).toContain('# S3 bucket for Tempo traces (build-time equivalent: O11Y_TEMPO_BUCKET)');
    expect(stack.files['templates/lgtm-stack.yaml']).toContain('bucket: {{ .Values.tempoBucket }}');
    expect(JSON.parse(stack.files['values.schema.json']!).required).toEqual(Object.keys(LGTM_CHART_CONFIG).sort());
  });

  it('refuses a chart whose construct reshapes a value, naming the chart', () => {
    // given a construct that upper-cases the region
    const spec: Record<'region', ConfigVariable> = {
      region: { kind: 'region', env: 'AWS_REGION', example: 'us-east-1', description: 'r' },
    };

    // when
    const attempt = () =>
      helmPackages(spec, (v) => [{ name: 'odd', yaml: `region: ${v.region.toUpperCase()}\n` }], {
        version: '0.1.0',
        environment: 'test',
        source: 'test.ts',
      });

    // then
    expect(attempt).toThrow(DefinitionError);
    expect(attempt).toThrow(/test\.ts.*helm chart odd.*cannot become a Helm value/);
  });

  it('writes template actions found in the manifests as literals', () => {
    // when
    const [chart] = helmPackages({}, () => [{ name: 'tpl', yaml: 'data:\n  template: "{{ .Labels.job }}"\n' }], {
      version: '0.1.0',
      environment: 'test',
      source: 'test.ts',
    });

    // then
    expect(chart!.files['templates/tpl.yaml']).toBe('data:\n  template: "{{ "{{" }} .Labels.job }}"\n');
  });
});

describe('lgtm Helm charts with the pinned helm', () => {
  const built = new Map(lgtmCharts({ env: ACCOUNT_ENV, warn: quiet }).map((c) => [c.name, parseAllDocuments(c.yaml).map((d) => d.toJS())]));
  const rendered: Manifest[] = [];

  for (const chart of lgtmHelmCharts()) {
    it(`${chart.name}: passes helm lint and renders with an account's values to what the build writes for that account`, () => {
      // given the account's values this chart declares
      const declared = Object.keys((parse(chart.files['values.yaml']!) as Record<string, string> | null) ?? {});
      const values = Object.fromEntries(declared.map((k) => [k, ACCOUNT[k as keyof typeof ACCOUNT]]));

      // when
      const { lint, objects } = helmLintAndTemplate(chart, values);
      rendered.push(...objects.map((object) => ({ chart: chart.name, object })));

      // then
      expect(lint).toContain('1 chart(s) linted, 0 chart(s) failed');
      expect(sortObjects(objects)).toEqual(built.get(chart.name));
    });
  }

  it('renders manifests that pass the offline validation together', () => {
    expect(rendered.length).toBeGreaterThan(0);
    expect(validateManifests(rendered)).toEqual([]);
  });

  it('rejects a malformed value through values.schema.json', () => {
    // given
    const stack = lgtmHelmCharts().find((c) => c.name === 'lgtm-stack')!;

    // when / then
    expect(() => helmLintAndTemplate(stack, { ...ACCOUNT, tempoBucket: 'Not A Bucket' })).toThrow(/tempoBucket.*does not match pattern/);
  });
});
