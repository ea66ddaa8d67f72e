import { describe, expect, it } from 'vitest';
import { GrafanaAlloy, type GrafanaAlloyProps } from './grafana-alloy.js';
import { SELECTORS } from '../versions.js';
import { EXAMPLE, find, synth } from '../../test/support.js';
import { checkAlloyText } from '../validation/alloy-references.js';

const mimir = { kind: 'mimir', url: 'http://mimir-gateway.mimir.svc.cluster.local/api/v1/push' } as const;

function build(props: Partial<GrafanaAlloyProps> = {}) {
  let alloy: GrafanaAlloy | undefined;
  const objects = synth((chart) => (alloy = new GrafanaAlloy(chart, 'alloy', { metrics: mimir, ...props })));
  return { objects, alloy: alloy!, config: find(objects, 'ConfigMap', 'alloy-config').data['config.alloy'] as string };
}

/** The body of one top-level component. */
function component(config: string, name: string, label: string): string {
  const start = config.indexOf(`${name} "${label}" {`);
  if (start < 0) throw new Error(`${name} "${label}" not found`);
  return config.slice(start, config.indexOf('\n}\n', start));
}

describe('GrafanaAlloy', () => {
  it('scrapes what the dashboards need: kube-state-metrics, node-exporter, Envoy sidecars and Quarkus endpoints', () => {
    // given / when
    const { config } = build({
      applicationEndpoints: [{ jobName: 'quarkus', podLabels: { app: 'catalog' }, port: 8080, path: '/q/metrics' }],
    });
    // then
    for (const job of ['kube-state-metrics', 'node-exporter', 'appmesh-envoy', 'quarkus'])
      expect(config).toContain(`job_name        = "${job}"`);
    expect(component(config, 'prometheus.scrape', 'appmesh_envoy')).toContain('metrics_path    = "/stats/prometheus"');
    expect(component(config, 'prometheus.scrape', 'quarkus')).toContain('metrics_path    = "/q/metrics"');
    expect(component(config, 'discovery.relabel', 'node_exporter')).toMatch(
      /source_labels = \["__meta_kubernetes_pod_host_ip"\]\n\s+target_label  = "instance"\n\s+replacement   = "\$1:9100"/,
    );
    expect(component(config, 'prometheus.scrape', 'kube_state_metrics')).toContain('honor_labels    = true');
    expect(checkAlloyText(config)).toEqual([]);
  });

  it('labels Envoy series with namespace and service (from the pod label app), the Envoy dashboard variables', () => {
    // given / when
    const envoy = component(build().config, 'discovery.relabel', 'appmesh_envoy');
    // then
    expect(envoy).toMatch(/source_labels = \["__meta_kubernetes_namespace"\]\n\s+target_label  = "namespace"/);
    expect(envoy).toMatch(
      new RegExp(`source_labels = \\["__meta_kubernetes_pod_label_${SELECTORS.envoyServiceLabel}"\\]\\n\\s+target_label  = "service"`),
    );
    expect(envoy).toContain('replacement   = "$1:9901"');
  });

  it('ships pod logs from /var/log/pods to Loki and OTLP traces to Tempo', () => {
    // given / when
    const { objects, config } = build({
      logs: { lokiUrl: 'http://loki-gateway.loki.svc.cluster.local/loki/api/v1/push' },
      traces: { tempoEndpoint: 'tempo.tempo.svc.cluster.local:4317' },
    });
    // then
    expect(config).toContain('replacement   = "/var/log/pods/*$1/*.log"');
    expect(component(config, 'loki.write', 'default')).toContain('url = "http://loki-gateway.loki.svc.cluster.local/loki/api/v1/push"');
    expect(component(config, 'otelcol.exporter.otlp', 'tempo')).toContain('endpoint = "tempo.tempo.svc.cluster.local:4317"');
    const pod = find(objects, 'DaemonSet').spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'pod-logs', hostPath: { path: '/var/log/pods', type: '' } });
    expect(find(objects, 'Service').spec.ports.map((p: { port: number }) => p.port)).toEqual([12345, 4317, 4318]);
    expect(checkAlloyText(config)).toEqual([]);
  });

  it("scrapes Alloy's own metrics through the annotated-pods job, for the pipeline dashboard", () => {
    // given / when
    const { objects, config } = build({ metrics: { kind: 'mimir', url: 'http://mimir/api/v1/push' } });
    // then
    expect(find(objects, 'DaemonSet').spec.template.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '12345',
    });
    expect(component(config, 'prometheus.scrape', 'kubernetes_pods')).toMatch(/job_name\s+= "kubernetes-pods"/);
  });

  it('signs remote write to AMP with SigV4 through an IRSA role', () => {
    // given / when
    const { objects, config } = build({
      metrics: { kind: 'amp', url: EXAMPLE.remoteWriteUrl, region: EXAMPLE.region },
      roleArn: EXAMPLE.roleArn,
    });
    // then
    expect(component(config, 'prometheus.remote_write', 'default')).toMatch(/sigv4 \{\n\s+region = "eu-west-1"/);
    const pod = find(objects, 'DaemonSet').spec.template.spec;
    expect(find(objects, 'ServiceAccount', pod.serviceAccountName).metadata?.annotations?.['eks.amazonaws.com/role-arn']).toBe(
      EXAMPLE.roleArn,
    );
  });

  it('scrapes only its own node, so a DaemonSet does not scrape every target once per node', () => {
    // given / when
    const { objects, config } = build();
    // then
    expect(component(config, 'discovery.kubernetes', 'kube_state_metrics')).toContain('field = "spec.nodeName=" + sys.env("NODE_NAME")');
    const env = find(objects, 'DaemonSet').spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } });
  });

  it('refuses AMP without a role ARN', () => {
    // given / when / then
    expect(() => build({ metrics: { kind: 'amp', url: EXAMPLE.remoteWriteUrl, region: EXAMPLE.region } })).toThrow(/roleArn is required/);
  });
});
