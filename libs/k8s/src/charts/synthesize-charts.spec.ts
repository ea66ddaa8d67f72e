import { DefinitionError } from '@o11y/environment';
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { AdotTracesCollector } from '../collectors/adot-traces-collector.js';
import { Ho11ySampleApp } from '../workloads/ho11y-sample-app.js';
import * as kplus from '../kplus.js';
import { synthesizeCharts } from './synthesize-charts.js';
import { EXAMPLE } from '../../test/support.js';

const SOURCE = 'libs/k8s/src/charts/synthesize-charts.spec.ts';

/** Traces collector + ho11y, the pair whose wiring the validation checks. */
function tracesApp(otlpEndpoint?: (traces: AdotTracesCollector) => string) {
  const app = new App();
  const traces = new AdotTracesCollector(new Chart(app, 'adot-traces'), 'collector', { region: EXAMPLE.region, roleArn: EXAMPLE.roleArn });
  new Ho11ySampleApp(new Chart(app, 'ho11y'), 'app', {
    image: 'example.com/ho11y:1.0',
    otlpEndpoint: otlpEndpoint ? otlpEndpoint(traces) : traces.otlpGrpcEndpoint,
  });
  return { app, traces };
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof DefinitionError) return e.problems.map((p) => `${p.resource}${p.field ? ` ${p.field}` : ''}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('synthesizeCharts', () => {
  it('writes one deterministic YAML file per chart, sorted, with namespaces first', () => {
    // given / when
    const first = synthesizeCharts(tracesApp().app, { source: SOURCE });
    const second = synthesizeCharts(tracesApp().app, { source: SOURCE });
    // then
    expect(first.map((a) => a.name)).toEqual(['adot-traces', 'ho11y']);
    expect(first).toEqual(second);
    const kinds = parseAllDocuments(first[1]!.yaml).map((d) => (d.toJS() as { kind: string }).kind);
    expect(kinds[0]).toBe('Namespace');
    expect(kinds.filter((k) => k === 'Deployment')).toHaveLength(3);
  });

  it('resolves the sample app OTLP endpoint to the collector Service OTLP port', () => {
    // given / when / then
    expect(problemsOf(() => synthesizeCharts(tracesApp().app, { source: SOURCE }))).toEqual([]);
  });

  it('reports an OTLP endpoint on a port the collector Service does not expose', () => {
    // given
    const { app } = tracesApp((t) => `${t.name}.${t.namespace}:55680`);
    // when
    const problems = problemsOf(() => synthesizeCharts(app, { source: SOURCE }));
    // then
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe(
      'chart ho11y / Deployment example-app/downstream0 spec.template.spec.containers[0].env[2].value: OTEL_EXPORTER_OTLP_ENDPOINT uses port 55680, but Service adot-col/adot-traces exposes only 4317, 4318, 8888',
    );
  });

  it('reports an OTLP endpoint that reaches the collector on a port with no receiver', () => {
    // given
    const { app } = tracesApp((t) => `${t.name}.${t.namespace}:8888`);
    // when
    const problems = problemsOf(() => synthesizeCharts(app, { source: SOURCE }));
    // then
    expect(problems).toContainEqual(
      expect.stringMatching(/OTEL_EXPORTER_OTLP_ENDPOINT reaches Deployment adot-traces on port 8888, where no OTLP receiver listens$/),
    );
  });

  it('reports a receiver port missing from the Service, naming chart, object and field', () => {
    // given
    const { app, traces } = tracesApp();
    ApiObject.of(traces.collector.service).addJsonPatch(JsonPatch.remove('/spec/ports/0'));
    // when
    const problems = problemsOf(() => synthesizeCharts(app, { source: SOURCE }));
    // then
    expect(problems).toContainEqual(
      'chart adot-traces / ConfigMap adot-col/adot-traces-config data.collector.yaml: receivers.otlp.protocols.grpc.endpoint: receiver port 4317 is not exposed by any Service selecting Deployment adot-traces',
    );
  });

  it('reports a pipeline naming an undefined exporter in a synthesized ConfigMap', () => {
    // given
    const { app, traces } = tracesApp();
    const cm = ApiObject.of(traces.collector.configMap);
    const config = parse((cm.toJson() as { data: Record<string, string> }).data['collector.yaml']!);
    config.service.pipelines.traces.exporters.push('awsemf');
    cm.addJsonPatch(JsonPatch.replace('/data/collector.yaml', JSON.stringify(config)));
    // when
    const problems = problemsOf(() => synthesizeCharts(app, { source: SOURCE }));
    // then
    expect(problems).toEqual([
      'chart adot-traces / ConfigMap adot-col/adot-traces-config data.collector.yaml: service.pipelines.traces.exporters[1]: exporter "awsemf" is not defined under exporters',
    ]);
  });

  it('reports schema errors, namespaced cluster objects, unpinned images and unknown kinds together', () => {
    // given
    const app = new App();
    const chart = new Chart(app, 'broken');
    const role = new kplus.ClusterRole(chart, 'role', { metadata: { name: 'reader', namespace: 'oops' } });
    role.allowRead(kplus.ApiResource.PODS);
    new kplus.Deployment(chart, 'web', {
      metadata: { name: 'web', namespace: 'default' },
      containers: [{ image: 'nginx', ports: [{ number: 80 }], resources: {} }],
    });
    ApiObject.of(chart.node.findChild('web')).addJsonPatch(JsonPatch.replace('/spec/replicas', 'two'));
    new ApiObject(chart, 'widget', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' } });
    // when
    const problems = problemsOf(() => synthesizeCharts(app, { source: SOURCE }));
    // then
    expect(problems).toEqual(
      expect.arrayContaining([
        'chart broken / Deployment default/web spec.replicas: must be integer',
        'chart broken / ClusterRole oops/reader metadata.namespace: ClusterRole is cluster-scoped and must not have a namespace',
        'chart broken / Deployment default/web spec.template.spec.containers[0].image: image "nginx" must be pinned to a tag or digest',
        'chart broken / Deployment default/web spec.template.spec.containers[0].resources: memory request and limit must be set deliberately',
        'chart broken / Widget default/w: no schema for example.com/v1 Widget: neither a built-in kind nor a vendored CRD',
      ]),
    );
  });
});
