export { App, Chart } from 'cdk8s';
export * as kplus from './kplus.js';
export * from './versions.js';
export * from './workload-settings.js';
export * from './irsa-service-account.js';
export * from './scrape-config.js';
export * from './scrape-jobs.js';
export * from './scrape-discovery-rbac.js';
export * from './otel-collector-config.js';
export * from './collector-deployment.js';
export * from './adot-metrics-config.js';
export * from './adot-metrics-collector.js';
export * from './opentelemetry-collector-resource.js';
export * from './adot-traces-collector.js';
export * from './alloy-config.js';
export * from './alloy-pipeline.js';
export * from './grafana-alloy.js';
export * from './auto-instrumentation.js';
export * from './kube-state-metrics.js';
export * from './node-exporter.js';
export * from './prometheus-sample-app.js';
export * from './ho11y-sample-app.js';
export * from './argocd-application.js';
export * from './chart-config.js';
export * from './synthesize-charts.js';
export * from './helm-package.js';
export * from './helm-cli.js';
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
} from './validate/index.js';
