import { describe, expect, it } from 'vitest';
import { AdotTracesCollector } from './adot-traces-collector.js';
import { configMapYaml, EXAMPLE, find, synth } from '../../test/support.js';
import { checkCollectorConfig } from '../validation/collector-config.js';

describe('AdotTracesCollector', () => {
  it('exposes the OTLP receivers on its Service (the recipe exposed only 8888)', () => {
    // given
    let endpoint = '';
    // when
    const objects = synth(
      (chart) =>
        (endpoint = new AdotTracesCollector(chart, 'traces', { region: EXAMPLE.region, roleArn: EXAMPLE.roleArn }).otlpGrpcEndpoint),
    );
    // then
    const ports = find(objects, 'Service', 'adot-traces').spec.ports.map((p: { name: string; port: number }) => `${p.name}:${p.port}`);
    expect(ports).toEqual(['otlp-grpc:4317', 'otlp-http:4318', 'telemetry:8888']);
    const config = configMapYaml(objects, 'adot-traces-config', 'collector.yaml');
    expect(config.receivers.otlp.protocols.grpc.endpoint).toBe('0.0.0.0:4317');
    expect(config.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    expect(endpoint).toBe('adot-traces.adot-col:4317');
  });

  it('exports to X-Ray in the given region through an IRSA service account', () => {
    // given / when
    const objects = synth((chart) => new AdotTracesCollector(chart, 'traces', { region: 'eu-central-1', roleArn: EXAMPLE.roleArn }));
    const config = configMapYaml(objects, 'adot-traces-config', 'collector.yaml');
    // then
    expect(config.exporters).toEqual({ awsxray: { region: 'eu-central-1' } });
    expect(config.service.pipelines.traces).toEqual({
      receivers: ['otlp'],
      processors: ['memory_limiter', 'batch/traces'],
      exporters: ['awsxray'],
    });
    expect(checkCollectorConfig(config)).toEqual([]);
    const pod = find(objects, 'Deployment').spec.template.spec;
    expect(find(objects, 'ServiceAccount', pod.serviceAccountName).metadata?.annotations?.['eks.amazonaws.com/role-arn']).toBe(
      EXAMPLE.roleArn,
    );
  });

  it('rejects a missing role ARN', () => {
    // given / when / then
    expect(() => synth((chart) => new AdotTracesCollector(chart, 'traces', { region: EXAMPLE.region, roleArn: '' }))).toThrow(
      /ServiceAccount adot-col\/adot-traces: roleArn is required/,
    );
  });
});
