/**
 * Pinned images and the well-known ports and labels the constructs share.
 * Never `:latest`: a collector that changes under a running pipeline is how the recipes broke.
 */
export const IMAGES = {
  /** ADOT collector; v0.42+ has no `logging` exporter and binds health_check to localhost unless told otherwise. */
  adotCollector: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.48.0',
  /** Grafana Alloy, the successor of Grafana Agent (EOL 2025-11-01). */
  alloy: 'docker.io/grafana/alloy:v1.19.2',
  kubeStateMetrics: 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.19.1',
  nodeExporter: 'quay.io/prometheus/node-exporter:v1.11.1',
} as const;

/** Ports that several constructs must agree on (collector receivers, exporters' scrape ports). */
export const PORTS = {
  otlpGrpc: 4317,
  otlpHttp: 4318,
  collectorHealthCheck: 13133,
  collectorTelemetry: 8888,
  alloyHttp: 12345,
  kubeStateMetrics: 8080,
  kubeStateMetricsTelemetry: 8081,
  nodeExporter: 9100,
  envoyAdmin: 9901,
  prometheusSampleApp: 8080,
  ho11y: 8765,
} as const;

/** Label keys and values the scrape jobs select on; the exporters' constructs set the same ones. */
export const SELECTORS = {
  appName: 'app.kubernetes.io/name',
  kubeStateMetricsName: 'kube-state-metrics',
  nodeExporterName: 'node-exporter',
  /** The recipe's (non-standard) Service annotation that opts endpoints into scraping. */
  scrapeAnnotation: 'scrape',
  /** The Envoy sidecar container name App Mesh injects. */
  envoyContainer: 'envoy',
  /** Pod label whose value becomes the `service` label the Envoy dashboard filters on. */
  envoyServiceLabel: 'app',
  /** Node label kube-state-metrics must export for the EKS node-group dashboard. */
  eksNodegroupLabel: 'eks.amazonaws.com/nodegroup',
} as const;

/** The IRSA annotation EKS's pod identity webhook reads. */
export const IRSA_ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';
