import { describe, expect, it } from 'vitest';
import { chartObjects, type ContractScrapeJob } from './pipelines.js';
import { ANY } from './relabel.js';
import { MESHED_NAMESPACE, scrapedTargets } from './targets.js';

const chart = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: { name: web, namespace: shop }',
  'spec:',
  '  template:',
  '    metadata: { labels: { app.kubernetes.io/name: prometheus-sample-app } }',
  '    spec:',
  '      containers:',
  '        - { name: app, image: example/prometheus-sample-app:1, ports: [{ name: web, containerPort: 8080 }] }',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata: { name: web-svc, namespace: shop, annotations: { scrape: "true" } }',
  'spec:',
  '  selector: { app.kubernetes.io/name: prometheus-sample-app }',
  '  ports: [{ name: web, port: 80, targetPort: 8080 }]',
].join('\n');

const job = (over: Partial<ContractScrapeJob>): ContractScrapeJob => ({
  pipeline: 'test',
  jobName: 'j',
  honorLabels: false,
  metricsPath: '/metrics',
  relabel: [],
  naming: 'as-exposed',
  ...over,
});

describe('scrapedTargets', () => {
  it("finds a chart's annotated Service endpoints and labels them with the Service's own name", () => {
    // given the recipe's endpoints job
    const endpoints = job({
      jobName: 'kubernetes-service-endpoints',
      role: 'endpoints',
      relabel: [
        { sourceLabels: ['__meta_kubernetes_service_annotation_scrape'], regex: 'true', action: 'keep' },
        { sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'namespace' },
        { sourceLabels: ['__meta_kubernetes_service_name'], targetLabel: 'service' },
        { sourceLabels: ['__meta_kubernetes_pod_name'], targetLabel: 'pod' },
      ],
    });

    // when
    const targets = scrapedTargets([endpoints], chartObjects([{ name: 'shop', yaml: chart }]));

    // then
    expect(targets.map((t) => [t.component, Object.fromEntries(t.labels)])).toEqual([
      ['prometheus-sample-app', { job: 'kubernetes-service-endpoints', namespace: 'shop', service: 'web-svc', pod: ANY, instance: ANY }],
    ]);
  });

  it("finds App Mesh's injected Envoy sidecars, which no chart defines, with whatever app label they have, in a namespace the charts do not own", () => {
    // given the envoy sidecar job
    const envoy = job({
      jobName: 'appmesh-envoy',
      role: 'pod',
      relabel: [
        { sourceLabels: ['__meta_kubernetes_pod_container_name'], regex: '^envoy$', action: 'keep' },
        { sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'namespace' },
        { sourceLabels: ['__meta_kubernetes_pod_label_app'], targetLabel: 'service' },
      ],
    });

    // when
    const targets = scrapedTargets([envoy], chartObjects([{ name: 'shop', yaml: chart }]));

    // then
    expect(targets.map((t) => [t.component, Object.fromEntries(t.labels)])).toEqual([
      ['envoy', { job: 'appmesh-envoy', namespace: MESHED_NAMESPACE, service: ANY, instance: ANY }],
    ]);
  });
});
