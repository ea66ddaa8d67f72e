import { describe, expect, it } from 'vitest';
import type { ChartObject } from './pipelines.js';
import { discoveredPods, endpointsRoleTargets, podRoleTargets } from './kubernetes-discovery.js';

const labels = { 'app.kubernetes.io/name': 'prometheus-sample-app' };
const objects: ChartObject[] = [
  {
    kind: 'Deployment',
    metadata: { name: 'prometheus-sample-app', namespace: 'prom-sample-app' },
    spec: {
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'app', image: 'sample:1', ports: [{ name: 'web', containerPort: 8080 }] }],
          volumes: [{ configMap: { name: 'sample-config' } }],
        },
      },
    },
    chart: 'k8s/sample.yaml',
  },
  {
    kind: 'Service',
    metadata: { name: 'prometheus-sample-app', namespace: 'prom-sample-app', annotations: { scrape: 'true' } },
    spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'web' }] },
    chart: 'k8s/sample.yaml',
  },
  // Another namespace: selects nothing though the labels match.
  {
    kind: 'Service',
    metadata: { name: 'other', namespace: 'x' },
    spec: { selector: labels, ports: [{ port: 8080 }] },
    chart: 'k8s/o.yaml',
  },
];

describe('Kubernetes discovery of the charts', () => {
  it("gives each workload's pod the pod role's labels, a Deployment's pod belonging to its ReplicaSet", () => {
    // when
    const pods = discoveredPods(objects);
    const [target] = podRoleTargets(pods);

    // then
    expect(pods.map((p) => [p.name, p.configMaps])).toEqual([['prometheus-sample-app-local', ['sample-config']]]);
    expect(target!.labels).toMatchObject({
      __meta_kubernetes_namespace: 'prom-sample-app',
      __meta_kubernetes_pod_name: 'prometheus-sample-app-local',
      __meta_kubernetes_pod_label_app_kubernetes_io_name: 'prometheus-sample-app',
      __meta_kubernetes_pod_labelpresent_app_kubernetes_io_name: 'true',
      __meta_kubernetes_pod_container_name: 'app',
      __meta_kubernetes_pod_container_port_name: 'web',
      __meta_kubernetes_pod_container_port_number: '8080',
      __meta_kubernetes_pod_controller_kind: 'ReplicaSet',
    });
  });

  it("gives the endpoints role one target per Service port and selected pod, with the Service's name and annotations", () => {
    // when
    const targets = endpointsRoleTargets(objects, discoveredPods(objects));

    // then
    expect(targets).toHaveLength(1);
    expect(targets[0]!.port?.number).toBe(8080);
    expect(targets[0]!.labels).toMatchObject({
      __meta_kubernetes_service_name: 'prometheus-sample-app',
      __meta_kubernetes_service_annotation_scrape: 'true',
      __meta_kubernetes_endpoint_port_name: 'http',
      __meta_kubernetes_endpoints_name: 'prometheus-sample-app',
      __meta_kubernetes_pod_name: 'prometheus-sample-app-local',
    });
  });

  it('gives a container without ports one port-free target, as Prometheus does', () => {
    // given a pod whose only container declares no port
    const pod: ChartObject = {
      kind: 'Pod',
      metadata: { name: 'meshed', namespace: 'shop', labels: { app: 'cart' } },
      spec: { containers: [{ name: 'worker', image: 'worker:1' }] },
      chart: '(test)',
    };

    // when
    const targets = podRoleTargets(discoveredPods([pod]));

    // then
    expect(targets).toHaveLength(1);
    expect(targets[0]!.port).toBeUndefined();
    expect(targets[0]!.labels).toMatchObject({ __meta_kubernetes_pod_name: 'meshed', __meta_kubernetes_pod_container_name: 'worker' });
    expect(targets[0]!.labels).not.toHaveProperty('__meta_kubernetes_pod_container_port_number');
  });
});
