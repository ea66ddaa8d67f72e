import { describe, expect, it } from 'vitest';
import { AdotMetricsCollectorResource } from './opentelemetry-collector-resource.js';
import { EXAMPLE, find, synth } from '../../test/support.js';
import { validateCustomResource } from '../validation/custom-resources.js';

describe('AdotMetricsCollectorResource', () => {
  const build = () =>
    synth(
      (chart) =>
        new AdotMetricsCollectorResource(chart, 'otel', {
          region: EXAMPLE.region,
          remoteWriteUrl: EXAMPLE.remoteWriteUrl,
          roleArn: EXAMPLE.roleArn,
        }),
    );

  it('is a v1beta1 OpenTelemetryCollector that its vendored CRD schema accepts', () => {
    // given / when
    const resource = find(build(), 'OpenTelemetryCollector');
    // then
    expect(resource.apiVersion).toBe('opentelemetry.io/v1beta1');
    expect(validateCustomResource(resource)).toEqual([]);
    expect(resource.spec.config.exporters.prometheusremotewrite.endpoint).toBe(EXAMPLE.remoteWriteUrl);
    expect(resource.spec.config.extensions.sigv4auth.region).toBe(EXAMPLE.region);
  });

  it('runs as the IRSA service account it creates', () => {
    // given / when
    const objects = build();
    // then
    const account = find(objects, 'ServiceAccount', find(objects, 'OpenTelemetryCollector').spec.serviceAccount);
    expect(account.metadata?.annotations?.['eks.amazonaws.com/role-arn']).toBe(EXAMPLE.roleArn);
  });

  it('fails schema validation on a mode the operator does not know', () => {
    // given
    const resource = find(build(), 'OpenTelemetryCollector');
    // when
    const errors = validateCustomResource({ ...resource, spec: { ...resource.spec, mode: 'sidecarz' } });
    // then
    expect(errors).toContainEqual(expect.objectContaining({ path: 'spec.mode', message: expect.stringMatching(/allowed values/) }));
  });
});
