import { describe, expect, it } from 'vitest';
import { AdotMetricsCollector } from './adot-metrics-collector.js';
import { ampRemoteWriteUrl } from './otel-collector-config.js';
import { configMapYaml, EXAMPLE, find, synth } from '../../test/support.js';
import { checkCollectorConfig } from '../validation/collector-config.js';

describe('AdotMetricsCollector', () => {
  const build = (props: Partial<ConstructorParameters<typeof AdotMetricsCollector>[2]> = {}) =>
    synth(
      (chart) =>
        new AdotMetricsCollector(chart, 'metrics', {
          region: EXAMPLE.region,
          remoteWriteUrl: EXAMPLE.remoteWriteUrl,
          roleArn: EXAMPLE.roleArn,
          ...props,
        }),
    );

  it('remote-writes to the given AMP URL, signed for the given region', () => {
    // given
    const url = ampRemoteWriteUrl('ap-southeast-2', 'ws-1234');
    // when
    const config = configMapYaml(build({ region: 'ap-southeast-2', remoteWriteUrl: url }), 'adot-metrics-config', 'collector.yaml');
    // then
    expect(config.exporters.prometheusremotewrite.endpoint).toBe(
      'https://aps-workspaces.ap-southeast-2.amazonaws.com/workspaces/ws-1234/api/v1/remote_write',
    );
    expect(config.exporters.prometheusremotewrite.auth.authenticator).toBe('sigv4auth');
    expect(config.extensions.sigv4auth).toEqual({ region: 'ap-southeast-2', service: 'aps' });
    expect(config.service.extensions).toContain('sigv4auth');
  });

  it('puts the IRSA annotation on the service account the pods run as', () => {
    // given / when
    const objects = build();
    // then
    const pod = find(objects, 'Deployment', 'adot-metrics').spec.template.spec;
    const account = find(objects, 'ServiceAccount', pod.serviceAccountName);
    expect(account.metadata?.annotations?.['eks.amazonaws.com/role-arn']).toBe(EXAMPLE.roleArn);
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(find(objects, 'ClusterRoleBinding', 'adot-metrics').subjects).toEqual([
      { apiGroup: '', kind: 'ServiceAccount', name: pod.serviceAccountName, namespace: 'adot-col' },
    ]);
  });

  it('has a valid pipeline, a reachable health check and no removed exporter', () => {
    // given / when
    const objects = build({ debug: true });
    const config = configMapYaml(objects, 'adot-metrics-config', 'collector.yaml');
    // then
    expect(checkCollectorConfig(config)).toEqual([]);
    expect(config.extensions.health_check.endpoint).toBe('0.0.0.0:13133');
    expect(Object.keys(config.exporters).sort()).toEqual(['debug', 'prometheusremotewrite']);
    const container = find(objects, 'Deployment').spec.template.spec.containers[0];
    expect(container.livenessProbe.httpGet.port).toBe(13133);
    expect(container.image).toMatch(/aws-otel-collector:v\d+\.\d+\.\d+$/);
  });

  it('scrapes annotated services, kube-state-metrics, node-exporter and Envoy sidecars with collector-escaped relabelling', () => {
    // given / when
    const config = configMapYaml(build(), 'adot-metrics-config', 'collector.yaml');
    const jobs = config.receivers.prometheus.config.scrape_configs;
    // then
    expect(jobs.map((j: { job_name: string }) => j.job_name)).toEqual([
      'kubernetes-service-endpoints',
      'kube-state-metrics',
      'node-exporter',
      'appmesh-envoy',
    ]);
    expect(jobs[0].relabel_configs[0]).toEqual({
      source_labels: ['__meta_kubernetes_service_annotation_scrape'],
      regex: 'true',
      action: 'keep',
    });
    const instance = jobs[2].relabel_configs.find((r: { target_label?: string }) => r.target_label === 'instance');
    // `$$` reaches Prometheus as `$`; a bare `$1` would be expanded by the collector to an empty string.
    expect(instance.replacement).toBe('$$1:9100');
  });

  it('sets resources, replicas and names deliberately instead of taking cdk8s-plus defaults', () => {
    // given / when
    const objects = build();
    const deployment = find(objects, 'Deployment');
    const container = deployment.spec.template.spec.containers[0];
    // then
    expect(deployment.spec.replicas).toBe(1);
    expect(container.resources).toEqual({ requests: { cpu: '200m', memory: '400Mi' }, limits: { memory: '2048Mi' } });
    expect(container.startupProbe.httpGet.port).toBe(13133);
    expect(objects.every((o) => !/-c8[0-9a-f]{6}$/.test(o.metadata?.name ?? ''))).toBe(true);
    expect(find(objects, 'ClusterRole').metadata?.namespace).toBeUndefined();
    expect(deployment.spec.template.metadata.labels).not.toHaveProperty('cdk8s.io/metadata.addr');
    expect(find(objects, 'Service').spec.selector).toEqual(deployment.spec.selector.matchLabels);
  });

  it('rejects a missing or malformed role ARN and region', () => {
    // given / when / then
    expect(() => build({ roleArn: '' })).toThrow(/roleArn is required/);
    expect(() => build({ roleArn: 'adot-role' })).toThrow(/not an IAM role ARN/);
    expect(() => build({ region: '' })).toThrow(/region is required/);
    expect(() => build({ remoteWriteUrl: ' ' })).toThrow(/remoteWriteUrl is required/);
  });
});
