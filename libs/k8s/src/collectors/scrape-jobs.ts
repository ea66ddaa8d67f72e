import { metaLabelName, type RelabelRule, type ScrapeJob } from './scrape-config.js';
import { PORTS, SELECTORS } from '../versions.js';

const podLabels: readonly RelabelRule[] = [
  { sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'namespace' },
  { sourceLabels: ['__meta_kubernetes_pod_name'], targetLabel: 'pod' },
];

/**
 * The metrics recipe's job: endpoints of Services annotated `scrape: "true"` (the Prometheus sample app),
 * plus `namespace`, `service` and `pod` labels the recipe left out.
 */
export function annotatedServiceEndpointsJob(annotation: string = SELECTORS.scrapeAnnotation): ScrapeJob {
  return {
    jobName: 'kubernetes-service-endpoints',
    role: 'endpoints',
    relabel: [
      { sourceLabels: [`__meta_kubernetes_service_annotation_${metaLabelName(annotation)}`], regex: 'true', action: 'keep' },
      { sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'namespace' },
      { sourceLabels: ['__meta_kubernetes_service_name'], targetLabel: 'service' },
      { sourceLabels: ['__meta_kubernetes_pod_name'], targetLabel: 'pod' },
    ],
  };
}

/** Pods annotated `prometheus.io/scrape: "true"`, with path, port and scheme taken from `prometheus.io/*` annotations. */
export function annotatedPodsJob(): ScrapeJob {
  return {
    jobName: 'kubernetes-pods',
    role: 'pod',
    relabel: [
      { sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'], regex: 'true', action: 'keep' },
      { sourceLabels: ['__meta_kubernetes_pod_phase'], regex: 'Pending|Succeeded|Failed|Completed', action: 'drop' },
      { sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_scheme'], regex: '(https?)', targetLabel: '__scheme__' },
      { sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_path'], regex: '(.+)', targetLabel: '__metrics_path__' },
      {
        sourceLabels: ['__meta_kubernetes_pod_ip', '__meta_kubernetes_pod_annotation_prometheus_io_port'],
        regex: '(.+);(\\d+)',
        replacement: '$1:$2',
        targetLabel: '__address__',
      },
      { regex: '__meta_kubernetes_pod_annotation_prometheus_io_param_(.+)', replacement: '__param_$1', action: 'labelmap' },
      ...podLabels,
    ],
  };
}

/**
 * kube-state-metrics, found by its `app.kubernetes.io/name` pod label and `http-metrics` port.
 * `honor_labels` keeps the `namespace`/`pod`/`node` labels of the objects it describes.
 */
export function kubeStateMetricsJob(): ScrapeJob {
  return {
    jobName: 'kube-state-metrics',
    role: 'pod',
    honorLabels: true,
    relabel: [
      {
        sourceLabels: [`__meta_kubernetes_pod_label_${metaLabelName(SELECTORS.appName)}`],
        regex: SELECTORS.kubeStateMetricsName,
        action: 'keep',
      },
      { sourceLabels: ['__meta_kubernetes_pod_container_port_name'], regex: 'http-metrics', action: 'keep' },
      {
        sourceLabels: ['__meta_kubernetes_pod_name', '__meta_kubernetes_pod_container_name', '__meta_kubernetes_pod_container_port_name'],
        separator: ':',
        targetLabel: 'instance',
      },
    ],
  };
}

/**
 * node-exporter, with `instance` = `<hostIP>:9100` (what the EKS node-group dashboard matches on) and a `node` label.
 */
export function nodeExporterJob(): ScrapeJob {
  return {
    jobName: 'node-exporter',
    role: 'pod',
    relabel: [
      {
        sourceLabels: [`__meta_kubernetes_pod_label_${metaLabelName(SELECTORS.appName)}`],
        regex: SELECTORS.nodeExporterName,
        action: 'keep',
      },
      { sourceLabels: ['__meta_kubernetes_pod_container_port_name'], regex: 'metrics', action: 'keep' },
      { sourceLabels: ['__meta_kubernetes_pod_host_ip'], replacement: `$1:${PORTS.nodeExporter}`, targetLabel: 'instance' },
      { sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node' },
    ],
  };
}

/**
 * Envoy sidecars (App Mesh): `/stats/prometheus` on the admin port 9901, labelled with `namespace` and
 * `service` (from the pod's `app` label) because the Envoy dashboard's variables filter on exactly those.
 */
export function envoySidecarJob(): ScrapeJob {
  return {
    jobName: 'appmesh-envoy',
    role: 'pod',
    metricsPath: '/stats/prometheus',
    relabel: [
      { sourceLabels: ['__meta_kubernetes_pod_container_name'], regex: `^${SELECTORS.envoyContainer}$`, action: 'keep' },
      // One target per pod whatever ports the sidecar declares: the admin port is fixed.
      { sourceLabels: ['__meta_kubernetes_pod_ip'], replacement: `$1:${PORTS.envoyAdmin}`, targetLabel: '__address__' },
      { sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'namespace' },
      { sourceLabels: [`__meta_kubernetes_pod_label_${metaLabelName(SELECTORS.envoyServiceLabel)}`], targetLabel: 'service' },
      { sourceLabels: ['__meta_kubernetes_pod_name'], targetLabel: 'kubernetes_pod_name' },
    ],
  };
}

/** An application endpoint to scrape, such as Quarkus's `/q/metrics`. */
export interface ApplicationEndpoint {
  /** Becomes the `job` label. */
  readonly jobName: string;
  /** Pod labels that select the application's pods, e.g. `{ app: 'catalog' }`. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Container port number or name serving metrics. */
  readonly port: number | string;
  /** @default '/metrics' */
  readonly path?: string;
  /** @default - all namespaces */
  readonly namespaces?: readonly string[];
}

/** A job scraping one kind of application pod on a fixed path and port. */
export function applicationJob(endpoint: ApplicationEndpoint): ScrapeJob {
  const labelKeeps: RelabelRule[] = Object.entries(endpoint.podLabels).map(([k, v]) => ({
    sourceLabels: [`__meta_kubernetes_pod_label_${metaLabelName(k)}`],
    regex: v,
    action: 'keep',
  }));
  const portKeep: RelabelRule =
    typeof endpoint.port === 'number'
      ? { sourceLabels: ['__meta_kubernetes_pod_container_port_number'], regex: String(endpoint.port), action: 'keep' }
      : { sourceLabels: ['__meta_kubernetes_pod_container_port_name'], regex: endpoint.port, action: 'keep' };
  return {
    jobName: endpoint.jobName,
    role: 'pod',
    namespaces: endpoint.namespaces,
    metricsPath: endpoint.path ?? '/metrics',
    relabel: [...labelKeeps, portKeep, ...podLabels, { sourceLabels: ['__meta_kubernetes_pod_container_name'], targetLabel: 'container' }],
  };
}
