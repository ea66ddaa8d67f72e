import { metaLabelName } from '@o11y/k8s';
import type { ChartObject } from './pipelines.js';

/** A container port of a pod the environment's charts would run. */
export interface PodPort {
  readonly container: string;
  readonly image?: string;
  readonly name?: string;
  readonly number: number;
  readonly protocol: string;
}

/** The pod a workload (Deployment, DaemonSet, StatefulSet) or Pod of the charts would run, as Kubernetes discovery would see it. */
export interface DiscoveredPod {
  /** The chart it comes from; `(…)` for pods no chart defines (the sidecars a mesh injects). */
  readonly chart: string;
  readonly namespace: string;
  /** `<workload>-local`: one replica stands for all. */
  readonly name: string;
  readonly workload: { readonly kind: string; readonly name: string };
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly containers: readonly { readonly name: string; readonly image?: string }[];
  readonly ports: readonly PodPort[];
  /** ConfigMaps mounted as volumes (how a collector Deployment is tied to its configuration). */
  readonly configMaps: readonly string[];
}

/** A target Kubernetes discovery would produce: the pod port it points at (none for a container without ports) and its `__meta_kubernetes_*` labels. */
export interface DiscoveryTarget {
  readonly pod: DiscoveredPod;
  readonly port?: PodPort;
  readonly labels: Readonly<Record<string, string>>;
}

const WORKLOAD_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet'];
/** Where every pod "runs" when nothing else says: the loopback node of a local run. */
export const LOCAL_NODE = { name: 'localhost', ip: '127.0.0.1' } as const;

interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: {
    containers?: { name: string; image?: string; ports?: { name?: string; containerPort: number; protocol?: string }[] }[];
    volumes?: { configMap?: { name?: string } }[];
  };
}

/** One pod per workload of the charts, and each Pod as it is. */
export function discoveredPods(objects: readonly ChartObject[]): DiscoveredPod[] {
  return objects
    .filter((o) => WORKLOAD_KINDS.includes(o.kind) || o.kind === 'Pod')
    .map((o) => {
      const template = (
        o.kind === 'Pod' ? { metadata: o.metadata, spec: o.spec } : ((o.spec as { template?: PodTemplate } | undefined)?.template ?? {})
      ) as PodTemplate;
      const containers = template.spec?.containers ?? [];
      return {
        chart: o.chart,
        namespace: o.metadata.namespace ?? 'default',
        name: o.kind === 'Pod' ? o.metadata.name : `${o.metadata.name}-local`,
        workload: { kind: o.kind, name: o.metadata.name },
        labels: template.metadata?.labels ?? {},
        annotations: template.metadata?.annotations ?? {},
        containers: containers.map((c) => ({ name: c.name, ...(c.image ? { image: c.image } : {}) })),
        ports: containers.flatMap((c) =>
          (c.ports ?? []).map((p) => ({
            container: c.name,
            ...(c.image ? { image: c.image } : {}),
            ...(p.name ? { name: p.name } : {}),
            number: p.containerPort,
            protocol: p.protocol ?? 'TCP',
          })),
        ),
        configMaps: (template.spec?.volumes ?? []).flatMap((v) => (v.configMap?.name ? [v.configMap.name] : [])),
      };
    });
}

function mapLabels(prefix: string, values: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    out[`${prefix}_${metaLabelName(k)}`] = v;
    out[`${prefix}present_${metaLabelName(k)}`] = 'true';
  }
  return out;
}

/** The labels of Prometheus's `pod` role for one container, with its port when it has one (Prometheus docs, kubernetes_sd_config). */
export function podRoleLabels(pod: DiscoveredPod, container: { name: string; image?: string }, port?: PodPort): Record<string, string> {
  const m = '__meta_kubernetes_pod';
  return {
    __meta_kubernetes_namespace: pod.namespace,
    [`${m}_name`]: pod.name,
    [`${m}_ip`]: LOCAL_NODE.ip,
    ...mapLabels(`${m}_label`, pod.labels),
    ...mapLabels(`${m}_annotation`, pod.annotations),
    [`${m}_container_init`]: 'false',
    [`${m}_container_name`]: container.name,
    ...(container.image ? { [`${m}_container_image`]: container.image } : {}),
    ...(port?.name ? { [`${m}_container_port_name`]: port.name } : {}),
    ...(port ? { [`${m}_container_port_number`]: String(port.number), [`${m}_container_port_protocol`]: port.protocol } : {}),
    [`${m}_ready`]: 'true',
    [`${m}_phase`]: 'Running',
    [`${m}_node_name`]: LOCAL_NODE.name,
    [`${m}_host_ip`]: LOCAL_NODE.ip,
    // A Deployment's pods belong to its ReplicaSet.
    [`${m}_controller_kind`]: pod.workload.kind === 'Deployment' ? 'ReplicaSet' : pod.workload.kind,
    [`${m}_controller_name`]: pod.workload.kind === 'Deployment' ? `${pod.workload.name}-local` : pod.workload.name,
  };
}

/** `pod` role: one target per container port of every pod, and one per container without ports (as Prometheus does). */
export function podRoleTargets(pods: readonly DiscoveredPod[]): DiscoveryTarget[] {
  return pods.flatMap((pod) =>
    pod.containers.flatMap((container) => {
      const ports = pod.ports.filter((p) => p.container === container.name);
      return ports.length
        ? ports.map((port) => ({ pod, port, labels: podRoleLabels(pod, container, port) }))
        : [{ pod, labels: podRoleLabels(pod, container) }];
    }),
  );
}

interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: { name?: string; port: number; targetPort?: number | string; protocol?: string }[];
}

/**
 * `endpoints` role: one target per port of every Service and pod it selects, with the Service's, the
 * endpoint's and the pod's labels (Prometheus docs, kubernetes_sd_config).
 */
export function endpointsRoleTargets(objects: readonly ChartObject[], pods: readonly DiscoveredPod[]): DiscoveryTarget[] {
  const out: DiscoveryTarget[] = [];
  for (const service of objects.filter((o) => o.kind === 'Service')) {
    const spec = (service.spec ?? {}) as ServiceSpec;
    const namespace = service.metadata.namespace ?? 'default';
    const selector = Object.entries(spec.selector ?? {});
    if (selector.length === 0) continue;
    const selected = pods.filter((p) => p.namespace === namespace && selector.every(([k, v]) => p.labels[k] === v));
    for (const pod of selected) {
      for (const sp of spec.ports ?? []) {
        const target = sp.targetPort ?? sp.port;
        const port = pod.ports.find((p) => (typeof target === 'number' ? p.number === target : p.name === target));
        if (!port) continue;
        out.push({
          pod,
          port,
          labels: {
            ...podRoleLabels(pod, { name: port.container, ...(port.image ? { image: port.image } : {}) }, port),
            __meta_kubernetes_endpoints_name: service.metadata.name,
            ...mapLabels('__meta_kubernetes_endpoints_label', service.metadata.labels ?? {}),
            __meta_kubernetes_endpoint_node_name: LOCAL_NODE.name,
            __meta_kubernetes_endpoint_ready: 'true',
            ...(sp.name ? { __meta_kubernetes_endpoint_port_name: sp.name } : {}),
            __meta_kubernetes_endpoint_port_protocol: sp.protocol ?? 'TCP',
            __meta_kubernetes_endpoint_address_target_kind: 'Pod',
            __meta_kubernetes_endpoint_address_target_name: pod.name,
            __meta_kubernetes_service_name: service.metadata.name,
            ...mapLabels('__meta_kubernetes_service_label', service.metadata.labels ?? {}),
            ...mapLabels('__meta_kubernetes_service_annotation', service.metadata.annotations ?? {}),
          },
        });
      }
    }
  }
  return out;
}
