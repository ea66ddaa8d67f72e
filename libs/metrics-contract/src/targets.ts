import type { ChartObject, ContractScrapeJob } from './pipelines.js';
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

const metaName = (s: string) => s.replace(/[^a-zA-Z0-9_]/g, '_');

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

interface PodTemplate {
  readonly namespace: LabelValue;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly containers: readonly { name: string; image: string; ports: readonly { name?: string; containerPort: number }[] }[];
  /** Meshed pods: any label, hence any `app`. */
  readonly anyLabels: boolean;
}

function podTemplates(objects: readonly ChartObject[]): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const o of objects) {
    const spec = o.spec as Record<string, any> | undefined;
    const template = o.kind === 'Pod' ? { metadata: o.metadata, spec } : spec?.template;
    if (!template?.spec?.containers) continue;
    out.push({
      namespace: o.chart.startsWith('(') ? ANY : (o.metadata.namespace ?? 'default'),
      labels: template.metadata?.labels ?? {},
      annotations: template.metadata?.annotations ?? {},
      containers: (template.spec.containers as any[]).map((c) => ({
        name: String(c.name),
        image: String(c.image ?? ''),
        ports: c.ports ?? [],
      })),
      anyLabels: o.chart.startsWith('('),
    });
  }
  return out;
}

function podLabels(pod: PodTemplate): Map<string, LabelValue> {
  const l = new Map<string, LabelValue>([
    ['__meta_kubernetes_namespace', pod.namespace],
    ['__meta_kubernetes_pod_name', ANY],
    ['__meta_kubernetes_pod_ip', ANY],
    ['__meta_kubernetes_pod_host_ip', ANY],
    ['__meta_kubernetes_pod_node_name', ANY],
    ['__meta_kubernetes_pod_phase', 'Running'],
  ]);
  for (const [k, v] of Object.entries(pod.labels)) l.set(`__meta_kubernetes_pod_label_${metaName(k)}`, v);
  for (const [k, v] of Object.entries(pod.annotations)) l.set(`__meta_kubernetes_pod_annotation_${metaName(k)}`, v);
  if (pod.anyLabels) l.set('__meta_kubernetes_pod_label_app', ANY);
  return l;
}

function containerLabels(
  base: Map<string, LabelValue>,
  c: PodTemplate['containers'][number],
  port?: { name?: string; containerPort: number },
) {
  const l = new Map(base);
  l.set('__meta_kubernetes_pod_container_name', c.name);
  l.set('__meta_kubernetes_pod_container_image', c.image);
  if (port) {
    l.set('__meta_kubernetes_pod_container_port_name', port.name ?? '');
    l.set('__meta_kubernetes_pod_container_port_number', String(port.containerPort));
    l.set('__address__', `pod-ip:${port.containerPort}`);
  } else l.set('__address__', 'pod-ip:80');
  return l;
}

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
  const pods = podTemplates([...objects, ...MESH_SIDECARS]);
  const inNamespaces = (ns: LabelValue) => !job.namespaces || ns === ANY || job.namespaces.includes(ns);
  if (job.role === 'pod') {
    return pods
      .filter((p) => inNamespaces(p.namespace))
      .flatMap((p) =>
        p.containers.flatMap((c) =>
          c.ports.length ? c.ports.map((port) => containerLabels(podLabels(p), c, port)) : [containerLabels(podLabels(p), c)],
        ),
      );
  }
  if (job.role === 'endpoints' || job.role === 'endpointslice') {
    const out: Map<string, LabelValue>[] = [];
    for (const svc of objects.filter((o) => o.kind === 'Service')) {
      const ns = svc.metadata.namespace ?? 'default';
      if (!inNamespaces(ns)) continue;
      const selector = (svc.spec?.selector ?? {}) as Record<string, string>;
      const base = new Map<string, LabelValue>([
        ['__meta_kubernetes_service_name', svc.metadata.name],
        ['__meta_kubernetes_endpoints_name', svc.metadata.name],
      ]);
      for (const [k, v] of Object.entries(svc.metadata.annotations ?? {}))
        base.set(`__meta_kubernetes_service_annotation_${metaName(k)}`, v);
      for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) base.set(`__meta_kubernetes_service_label_${metaName(k)}`, v);
      const backing = pods.filter(
        (p) => p.namespace === ns && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => p.labels[k] === v),
      );
      for (const port of (svc.spec?.ports ?? []) as { name?: string; port: number; targetPort?: number | string }[]) {
        for (const p of backing) {
          for (const c of p.containers) {
            const cp = c.ports.find((x) => x.containerPort === (port.targetPort ?? port.port) || x.name === port.targetPort);
            if (!cp) continue;
            const l = containerLabels(podLabels(p), c, cp);
            for (const [k, v] of base) l.set(k, v);
            l.set('__meta_kubernetes_endpoint_port_name', port.name ?? '');
            out.push(l);
          }
        }
      }
    }
    return out;
  }
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
