import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Ho11ySampleApp } from './ho11y-sample-app.js';
import { PrometheusSampleApp } from './prometheus-sample-app.js';
import { find, synth } from '../../test/support.js';

describe('PrometheusSampleApp', () => {
  it('serves enough test_* metrics behind a Service annotated for the annotated-endpoints job', () => {
    // given / when
    const objects = synth((chart) => new PrometheusSampleApp(chart, 'app', { image: 'example.com/prometheus-sample-app:1.0' }));
    // then
    expect(find(objects, 'Namespace', 'prom-sample-app')).toBeDefined();
    expect(find(objects, 'Service').metadata?.annotations).toEqual({ scrape: 'true' });
    const config = parse(find(objects, 'ConfigMap').data['config.yaml']);
    expect(config).toMatchObject({ Address: '0.0.0.0:8080', Type: 'all', MetricsCount: 10 });
    const container = find(objects, 'Deployment').spec.template.spec.containers[0];
    expect(container.workingDir).toBe('/config');
    expect(container.volumeMounts).toContainEqual({ mountPath: '/config', name: 'config', readOnly: true });
  });

  it('rejects too few metrics for the dashboard and an empty image', () => {
    // given / when / then
    expect(() => synth((chart) => new PrometheusSampleApp(chart, 'app', { image: 'x:1', settings: { metricsCount: 3 } }))).toThrow(
      /at least 9/,
    );
    expect(() => synth((chart) => new PrometheusSampleApp(chart, 'app', { image: '' }))).toThrow(/image is required/);
  });
});

describe('Ho11ySampleApp', () => {
  it('wires frontend → downstream0, downstream1 in its own namespace, all exporting to the given OTLP endpoint', () => {
    // given / when
    const objects = synth(
      (chart) => new Ho11ySampleApp(chart, 'ho11y', { image: 'example.com/ho11y:1.0', otlpEndpoint: 'adot-traces.adot-col:4317' }),
    );
    const env = (name: string) =>
      Object.fromEntries(
        find(objects, 'Deployment', name).spec.template.spec.containers[0].env.map((e: { name: string; value: string }) => [
          e.name,
          e.value,
        ]),
      );
    // then
    expect(find(objects, 'Namespace', 'example-app')).toBeDefined();
    expect(env('frontend')).toMatchObject({
      DOWNSTREAM0: 'http://downstream0',
      DOWNSTREAM1: 'http://downstream1',
      HO11Y_INJECT_FAILURE: 'enabled',
      OTEL_RESOURCE_ATTRIB: 'frontend',
    });
    for (const name of ['frontend', 'downstream0', 'downstream1']) {
      expect(env(name).OTEL_EXPORTER_OTLP_ENDPOINT).toBe('adot-traces.adot-col:4317');
      expect(find(objects, 'Service', name).spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8765 }]);
    }
  });

  it('rejects an endpoint with a scheme, which ho11y cannot dial', () => {
    // given / when / then
    expect(() => synth((chart) => new Ho11ySampleApp(chart, 'ho11y', { image: 'x:1', otlpEndpoint: 'http://adot:4317' }))).toThrow(
      /without a scheme/,
    );
  });
});
