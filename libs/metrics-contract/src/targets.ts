import type { ChartObject, ContractScrapeJob } from './pipelines.js';
import { discoveredPods, endpointsRoleTargets, podRoleTargets, type DiscoveredPod, type DiscoveryTarget } from './kubernetes-discovery.js';
import { ANY, relabel, type LabelSet, type LabelValue } from './relabel.js';

/** A scraped endpoint: which component answers there and the labels its series carry from the pipeline. */
export interface ScrapedTarget {
  readonly job: ContractScrapeJob;
  readonly component: string;
  readonly labels: ReadonlyMap<string, LabelValue>;
}

/** Components the catalogues describe, recognised by image or name, and the port they serve metrics on. */
const COMPONENTS: readonly { component: string; match: RegExp; port: number }[] = [
  { component: 'alloy', match: /grafana\/alloy|^alloy$/, port: 12345 },
  { component: 'node-exporter', match: /node-exporter/, port: 9100 },
  { component: 'kube-state-metrics', match: /kube-state-metrics/, port: 8080 },
  { component: 'prometheus-sample-app', match: /prometheus-sample-app/, port: 8080 },
  { component: 'otel-collector', match: /aws-otel-collector|opentelemetry-collector|otelcol/, port: 8888 },
  { component: 'envoy', match: /^envoy$|aws-appmesh-envoy/, port: 9901 },
];

/**
 * Pods no chart here defines but the pipelines are written for: App Mesh injects an `envoy` container (admin and
 * stats on 9901) into every meshed pod; its namespace and `app` label are whatever the meshed workload has.
 */
export const MESH_SIDECARS: readonly ChartObject[] = [
  {
    chart: '(App Mesh sidecar injection)',
    kind: 'Pod',
    metadata: { name: 'meshed-pod', labels: {} },
    spec: { containers: [{ name: 'envoy', image: 'aws-appmesh-envoy', ports: [{ name: 'stats', containerPort: 9901 }] }] },
  },
];

/** What the charts cannot know about a running pod (its name, address, node): any value. */
const UNKNOWN_POD_LABELS = [
  '__meta_kubernetes_pod_name',
  '__meta_kubernetes_pod_ip',
  '__meta_kubernetes_pod_host_ip',
  '__meta_kubernetes_pod_node_name',
  '__meta_kubernetes_pod_controller_name',
  '__meta_kubernetes_endpoint_node_name',
  '__meta_kubernetes_endpoint_address_target_name',
];

/** A discovery target's labels as the contract reads them: unknowable values are ANY; a mesh sidecar's `app` is whatever the meshed workload has. */
function contractLabels(t: DiscoveryTarget): Map<string, LabelValue> {
  const l = new Map<string, LabelValue>(Object.entries(t.labels));
  for (const k of UNKNOWN_POD_LABELS) if (l.has(k)) l.set(k, ANY);
  if (isInjected(t.pod)) {
    // Meshed workloads are the user's, in namespaces the charts do not own: any name but the charts' own, so a
    // selector fixing a chart namespace (the sample app's) is not satisfied by a sidecar's `up`.
    l.set('__meta_kubernetes_namespace', MESHED_NAMESPACE);
    l.set('__meta_kubernetes_pod_label_app', ANY);
  }
  l.set('__address__', `pod-ip:${t.port?.number ?? 80}`);
  return l;
}

const isInjected = (pod: DiscoveredPod) => pod.chart.startsWith('(');

/** The namespace of a pod the mesh injects a sidecar into, as lines name it. */
export const MESHED_NAMESPACE = '<a meshed namespace>';

/** The component a discovered target is, from its container image or name labels and the port scraped. */
export function componentOf(labels: LabelSet): string | undefined {
  const address = labels.get('__address__');
  const port = typeof address === 'string' ? Number(/:(\d+)$/.exec(address)?.[1]) : NaN;
  const hints = [
    '__meta_kubernetes_pod_container_image',
    '__meta_kubernetes_pod_label_app_kubernetes_io_name',
    '__meta_kubernetes_service_name',
    '__meta_kubernetes_pod_container_name',
  ]
    .map((k) => labels.get(k))
    .filter((v): v is string => typeof v === 'string' && v !== '');
  for (const hint of hints) {
    const c = COMPONENTS.find((x) => x.match.test(hint));
    // Static targets (a local run) listen wherever they were started: their port says nothing.
    if (c) return Number.isNaN(port) || port === c.port || !labels.has('__meta_kubernetes_pod_container_image') ? c.component : undefined;
  }
  return undefined;
}

/** What Kubernetes discovery with the job's role would list among the charts' objects (and the mesh's sidecars). */
function discovered(job: ContractScrapeJob, objects: readonly ChartObject[]): Map<string, LabelValue>[] {
  if (job.staticTargets) return job.staticTargets.map((t) => new Map(Object.entries(t)));
  const pods = discoveredPods([...objects, ...MESH_SIDECARS]).filter(
    (p) => !job.namespaces || isInjected(p) || job.namespaces.includes(p.namespace),
  );
  if (job.role === 'pod') return podRoleTargets(pods).map(contractLabels);
  if (job.role === 'endpoints' || job.role === 'endpointslice') return endpointsRoleTargets(objects, pods).map(contractLabels);
  return [];
}

/** Every target of every job, with the labels its relabelling gives and the component it is (`unknown` when no catalogue describes it). */
export function scrapedTargets(jobs: readonly ContractScrapeJob[], objects: readonly ChartObject[]): ScrapedTarget[] {
  const out: ScrapedTarget[] = [];
  for (const job of jobs) {
    for (const d of discovered(job, objects)) {
      // Every target gets `up`; only a catalogued component adds its own metrics.
      const component = componentOf(d) ?? 'unknown';
      d.set('job', job.jobName);
      d.set('__metrics_path__', job.metricsPath);
      const after = relabel(d, job.staticTargets ? job.relabel.filter((r) => r.targetLabel !== '__address__') : job.relabel);
      if (!after) continue;
      const labels = new Map<string, LabelValue>();
      for (const [k, v] of after) if (!k.startsWith('__')) labels.set(k, v);
      if (!labels.has('instance')) labels.set('instance', ANY);
      out.push({ job, component, labels });
    }
  }
  return out;
}
