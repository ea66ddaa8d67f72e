import { describe, expect, it } from 'vitest';
import { AdotMetricsCollector } from '../collectors/adot-metrics-collector.js';
import { AdotTracesCollector } from '../collectors/adot-traces-collector.js';
import { AdotMetricsCollectorResource } from '../collectors/opentelemetry-collector-resource.js';
import { EXAMPLE, synth } from '../../test/support.js';
import { collectorConfigsIn, otelcolValidate, substituteMissingExporters } from './otelcol-validate.js';

/** The real OpenTelemetry Collector (scripts/tools/otelcol.sh) loads each configuration the constructs write. */
describe('otelcolValidate', () => {
  const metrics = synth((chart) => new AdotMetricsCollector(chart, 'metrics', { ...EXAMPLE, debug: true }));
  const resource = synth((chart) => new AdotMetricsCollectorResource(chart, 'otel', EXAMPLE));
  const traces = synth((chart) => new AdotTracesCollector(chart, 'traces', { region: EXAMPLE.region, roleArn: EXAMPLE.roleArn }));

  it('accepts the ADOT metrics ConfigMap', () => {
    // given
    const [found] = collectorConfigsIn(metrics);
    // when / then
    expect(found!.source).toBe('ConfigMap adot-col/adot-metrics-config data.collector.yaml');
    expect(otelcolValidate(found!.config, found!.source)).toEqual({ substituted: [] });
  });

  it("accepts the OpenTelemetryCollector resource's config", () => {
    // given
    const [found] = collectorConfigsIn(resource);
    // when / then
    expect(found!.source).toMatch(/^OpenTelemetryCollector .* spec\.config$/);
    expect(otelcolValidate(found!.config, found!.source)).toEqual({ substituted: [] });
  });

  it('accepts the traces collector, its awsxray exporter loaded as debug (the pinned build lacks awsxray)', () => {
    // given
    const [found] = collectorConfigsIn(traces);
    // when / then
    expect(otelcolValidate(found!.config, found!.source)).toEqual({ substituted: ['awsxray'] });
  });

  it("fails with the collector's own message on a configuration it rejects", () => {
    // given a batch processor setting the collector does not know
    const [found] = collectorConfigsIn(metrics);
    const config = structuredClone(found!.config) as { processors: Record<string, Record<string, unknown>> };
    config.processors['batch/metrics']!.send_batch_sizes = 10;

    // when / then
    expect(() => otelcolValidate(config, 'bad.yaml')).toThrow(/^bad\.yaml: the OpenTelemetry Collector rejects it .*send_batch_sizes/s);
  });
});

describe('substituteMissingExporters', () => {
  it('replaces awsxray exporters with debug ones in the exporters and every pipeline', () => {
    // given
    const config = {
      receivers: { otlp: {} },
      exporters: { awsxray: { region: 'eu-west-1' }, 'awsxray/second': {}, debug: {} },
      service: { pipelines: { traces: { receivers: ['otlp'], exporters: ['awsxray', 'awsxray/second', 'debug'] } } },
    };
    // when
    const { config: loadable, substituted } = substituteMissingExporters(config);
    // then
    expect(substituted).toEqual(['awsxray', 'awsxray/second']);
    expect(Object.keys(loadable.exporters as object)).toEqual(['debug', 'debug/awsxray', 'debug/awsxray-second']);
    expect(loadable.service).toEqual({
      pipelines: { traces: { receivers: ['otlp'], exporters: ['debug/awsxray', 'debug/awsxray-second', 'debug'] } },
    });
    expect(config.exporters.awsxray).toEqual({ region: 'eu-west-1' });
  });
});
