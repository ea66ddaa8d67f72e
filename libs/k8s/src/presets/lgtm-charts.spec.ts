import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { lgtmCharts } from './lgtm-charts.js';

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
