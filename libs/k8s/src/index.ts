export { App, Chart } from 'cdk8s';
export * as kplus from './kplus.js';
export * from './versions.js';
export * from './workload-settings.js';
export * from './irsa-service-account.js';
export * from './collectors/scrape-config.js';
export * from './collectors/scrape-jobs.js';
export * from './collectors/scrape-discovery-rbac.js';
export * from './collectors/otel-collector-config.js';
export * from './collectors/collector-deployment.js';
export * from './collectors/adot-metrics-config.js';
export * from './collectors/adot-metrics-collector.js';
export * from './collectors/opentelemetry-collector-resource.js';
export * from './collectors/adot-traces-collector.js';
export * from './collectors/alloy-config.js';
export * from './collectors/alloy-pipeline.js';
export * from './collectors/grafana-alloy.js';
export * from './collectors/auto-instrumentation.js';
export * from './exporters/kube-state-metrics.js';
export * from './exporters/node-exporter.js';
export * from './workloads/prometheus-sample-app.js';
export * from './workloads/ho11y-sample-app.js';
export * from './workloads/argocd-application.js';
export * from './charts/chart-config.js';
export * from './charts/synthesize-charts.js';
export * from './charts/helm-package.js';
export * from './charts/helm-cli.js';
export {
  validateManifests,
  checkCollectorConfig,
  checkAlloyText,
  collectorConfigsIn,
  otelcolValidate,
  EXPORTERS_NOT_IN_PINNED_COLLECTOR,
  knownCustomResources,
  type Manifest,
  type ManifestIssue,
  type KubeObject,
} from './validation/index.js';
