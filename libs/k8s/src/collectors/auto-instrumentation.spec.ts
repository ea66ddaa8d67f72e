import { describe, expect, it } from 'vitest';
import { AutoInstrumentation, INSTRUMENTATION_PROTOCOLS, type InstrumentedLanguage } from './auto-instrumentation.js';
import { GrafanaAlloy } from './grafana-alloy.js';
import { find, synth } from '../../test/support.js';
import { alloyOtlpPorts } from '../validation/alloy-references.js';
import { validateCustomResource } from '../validation/custom-resources.js';

const LANGUAGES: InstrumentedLanguage[] = ['java', 'nodejs', 'python', 'go'];

describe('AutoInstrumentation', () => {
  let instrumentation: AutoInstrumentation | undefined;
  const objects = synth((chart) => {
    const alloy = new GrafanaAlloy(chart, 'alloy', {
      metrics: { kind: 'mimir', url: 'http://mimir/api/v1/push' },
      traces: { tempoEndpoint: 'tempo.tempo.svc.cluster.local:4317' },
    });
    instrumentation = new AutoInstrumentation(chart, 'instrumentation', {
      namespace: alloy.namespace,
      otlpGrpcEndpoint: alloy.otlpGrpcEndpoint,
      otlpHttpEndpoint: alloy.otlpHttpEndpoint,
      createNamespace: false,
    });
  });

  it('writes one Instrumentation per language that the operator CRD schema accepts', () => {
    for (const language of LANGUAGES) {
      const resource = find(objects, 'Instrumentation', language);
      expect(resource.apiVersion).toBe('opentelemetry.io/v1alpha1');
      expect(validateCustomResource(resource)).toEqual([]);
    }
  });

  it("sends each language over its protocol to a port Alloy's OTLP receiver listens on for that protocol", () => {
    // given what Alloy listens on: its config's receiver endpoints and its Service
    const alloyConfig = find(objects, 'ConfigMap', 'alloy-config').data['config.alloy'] as string;
    const receiverPorts = alloyOtlpPorts(alloyConfig);
    const grpcPort = Number(/grpc \{\s*endpoint\s*=\s*"[^"]*:(\d+)"/.exec(alloyConfig)![1]);
    const httpPort = Number(/http \{\s*endpoint\s*=\s*"[^"]*:(\d+)"/.exec(alloyConfig)![1]);
    const service = find(objects, 'Service', 'alloy');
    const servicePorts = service.spec.ports.map((p: { port: number }) => p.port);

    for (const language of LANGUAGES) {
      // when
      const spec = find(objects, 'Instrumentation', language).spec;
      const url = new URL(spec.exporter.endpoint);
      const protocol = spec[language].env.find((e: { name: string }) => e.name === 'OTEL_EXPORTER_OTLP_PROTOCOL').value;

      // then
      expect(url.hostname).toBe(`${service.metadata!.name}.${service.metadata!.namespace}.svc.cluster.local`);
      expect(protocol).toBe(INSTRUMENTATION_PROTOCOLS[language]);
      expect(Number(url.port)).toBe(protocol === 'grpc' ? grpcPort : httpPort);
      expect(receiverPorts).toContain(Number(url.port));
      expect(servicePorts).toContain(Number(url.port));
    }
    expect([grpcPort, httpPort]).toEqual([4317, 4318]);
    expect(INSTRUMENTATION_PROTOCOLS.java).toBe('http/protobuf');
    expect(INSTRUMENTATION_PROTOCOLS.nodejs).toBe('grpc');
  });

  it('gives the pod annotations users add, with the program path Go needs', () => {
    expect(instrumentation!.podAnnotations('java')).toEqual({ 'instrumentation.opentelemetry.io/inject-java': 'alloy/java' });
    expect(instrumentation!.podAnnotations('nodejs')).toEqual({ 'instrumentation.opentelemetry.io/inject-nodejs': 'alloy/nodejs' });
    expect(instrumentation!.podAnnotations('go', '/app/server')).toEqual({
      'instrumentation.opentelemetry.io/inject-go': 'alloy/go',
      'instrumentation.opentelemetry.io/otel-go-auto-target-exe': '/app/server',
    });
    expect(() => instrumentation!.podAnnotations('go')).toThrow(/Go needs the path of the executable/);
  });

  it('fails the CRD schema on a sampler the operator does not know', () => {
    const java = find(objects, 'Instrumentation', 'java');
    expect(validateCustomResource({ ...java, spec: { ...java.spec, sampler: { type: 'sometimes' } } })).not.toEqual([]);
  });
});
