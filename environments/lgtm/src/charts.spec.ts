import { helmLintAndTemplate } from '@o11y/k8s';
import { describeHelmCharts } from '@o11y/k8s/testing';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { LGTM_CHART_CONFIG, LGTM_HELM_CHART_VERSION, lgtmCharts, lgtmHelmCharts } from './charts.js';

const quiet = { warn: () => undefined };

describe('lgtmCharts', () => {
  it('builds validated charts for the stack, Alloy and the exporters', () => {
    // given / when
    const charts = lgtmCharts({ ...quiet, env: {} });
    // then
    expect(charts.map((c) => c.name)).toEqual(['alloy', 'auto-instrumentation', 'cluster-exporters', 'lgtm-stack']);
  });

  it('sends Alloy data to the endpoints of the stack it deploys, in either mode', () => {
    // given / when
    const config = (mode: 'single-binary' | 'distributed') => {
      const alloy = lgtmCharts({ ...quiet, env: {}, mode }).find((c) => c.name === 'alloy')!;
      const cm = parseAllDocuments(alloy.yaml)
        .map((d) => d.toJS())
        .find((o) => o.kind === 'ConfigMap');
      return cm.data['config.alloy'] as string;
    };
    // then
    expect(config('single-binary')).toContain('endpoint = "tempo.tempo.svc.cluster.local:4317"');
    expect(config('distributed')).toContain('endpoint = "tempo-distributor.tempo.svc.cluster.local:4317"');
    expect(config('single-binary')).toContain('url = "http://mimir-gateway.mimir.svc.cluster.local/api/v1/push"');
  });

  it('takes buckets and roles from the environment, and fails in strict mode without them', () => {
    // given
    const env = { O11Y_LOKI_BUCKET: 'acme-logs', O11Y_LOKI_ROLE_ARN: 'arn:aws:iam::123456789012:role/loki' };
    // when
    const stack = lgtmCharts({ ...quiet, env }).find((c) => c.name === 'lgtm-stack')!.yaml;
    // then
    expect(stack).toContain('chunks: acme-logs');
    expect(stack).toContain('eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/loki');
    expect(() => lgtmCharts({ env: { ...env, O11Y_STRICT_CONFIG: '1' } })).toThrow(/O11Y_MIMIR_BUCKET/);
  });
});

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

describe('lgtm Helm charts', () => {
  it('writes Chart.yaml, values.yaml with each used value and its default, values.schema.json and the template', () => {
    // when
    const stack = lgtmHelmCharts().find((c) => c.name === 'lgtm-stack')!;

    // then
    expect(Object.keys(stack.files).sort()).toEqual(['Chart.yaml', 'templates/lgtm-stack.yaml', 'values.schema.json', 'values.yaml']);
    expect(parse(stack.files['Chart.yaml']!)).toMatchObject({ apiVersion: 'v2', name: 'lgtm-stack', version: LGTM_HELM_CHART_VERSION });
    expect(parse(stack.files['values.yaml']!)).toEqual(
      Object.fromEntries(Object.entries(LGTM_CHART_CONFIG).map(([k, v]) => [k, v.example])),
    );
    expect(stack.files['values.yaml']).toContain('# S3 bucket for Tempo traces (build-time equivalent: O11Y_TEMPO_BUCKET)');
    expect(stack.files['templates/lgtm-stack.yaml']).toContain('bucket: {{ .Values.tempoBucket }}');
    expect(JSON.parse(stack.files['values.schema.json']!).required).toEqual(Object.keys(LGTM_CHART_CONFIG).sort());
  });
});

describeHelmCharts({
  environment: 'lgtm',
  helmCharts: lgtmHelmCharts,
  builtCharts: () => lgtmCharts({ ...quiet, env: ACCOUNT_ENV }),
  values: ACCOUNT,
  version: LGTM_HELM_CHART_VERSION,
  // The charts' files at each released version; a template change needs a new version and a new line here.
  released: {
    '0.2.0': 'sha256:84dfe0b6cb6ff4eb0536778de79ad44537e73a43ff20396b681100935fd8bf62',
    '0.3.0': 'sha256:71cf8a2823c238febb7a3a933a250980e0a47d664ffbb475dbf9ce553ecfdae0',
  },
});

describe('lgtm Helm chart values', () => {
  it('rejects a malformed value through values.schema.json', () => {
    // given
    const stack = lgtmHelmCharts().find((c) => c.name === 'lgtm-stack')!;

    // when / then
    expect(() => helmLintAndTemplate(stack, { ...ACCOUNT, tempoBucket: 'Not A Bucket' })).toThrow(/tempoBucket.*does not match pattern/);
  });
});
