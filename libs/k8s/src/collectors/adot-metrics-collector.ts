import { Construct } from 'constructs';
import { adotMetricsConfig, type AdotMetricsPipelineOptions } from './adot-metrics-config.js';
import { CollectorDeployment } from './collector-deployment.js';
import { IrsaServiceAccount } from '../irsa-service-account.js';
import * as kplus from '../kplus.js';
import { renderCollectorConfig } from './otel-collector-config.js';
import { ScrapeDiscoveryRbac } from './scrape-discovery-rbac.js';
import { IMAGES, PORTS, SELECTORS } from '../versions.js';
import { recommendedLabels, requireRegion, requireValue, type ResourceSpec } from '../workload-settings.js';

export interface AdotMetricsCollectorProps extends AdotMetricsPipelineOptions {
  /** IAM role with `aps:RemoteWrite`, assumed through IRSA by the collector's service account. */
  readonly roleArn: string;
  /** @default 'adot-col' (the namespace the recipe's Fargate profile selects) */
  readonly namespace?: string;
  /** Name of the Deployment, Service, ServiceAccount and ClusterRole. @default 'adot-metrics' */
  readonly name?: string;
  /** @default true */
  readonly createNamespace?: boolean;
  /** More than one replica scrapes every target twice. @default 1 */
  readonly replicas?: number;
  /** @default IMAGES.adotCollector */
  readonly image?: string;
  /** @default - requests 200m/400Mi, limit 2Gi (the recipe's sizing) */
  readonly resources?: ResourceSpec;
}

/**
 * ADOT collector scraping Prometheus targets found by Kubernetes service discovery and remote-writing them to
 * Amazon Managed Service for Prometheus with SigV4 (recipes fargate-eks-metrics-go-adot-ampamg and the ADOT k8s
 * metrics one). A Deployment, so it runs on Fargate.
 */
export class AdotMetricsCollector extends Construct {
  public readonly namespace: string;
  public readonly serviceAccount: IrsaServiceAccount;
  public readonly collector: CollectorDeployment;

  constructor(scope: Construct, id: string, props: AdotMetricsCollectorProps) {
    super(scope, id);
    const name = props.name ?? 'adot-metrics';
    this.namespace = props.namespace ?? 'adot-col';
    requireRegion(props.region, `AdotMetricsCollector ${name}`);
    requireValue(props.remoteWriteUrl, `AdotMetricsCollector ${name}`, 'remoteWriteUrl');
    const labels = recommendedLabels(name, 'metrics-collector');

    if (props.createNamespace ?? true) new kplus.Namespace(this, 'namespace', { metadata: { name: this.namespace } });
    this.serviceAccount = new IrsaServiceAccount(this, 'service-account', { name, namespace: this.namespace, roleArn: props.roleArn });
    new ScrapeDiscoveryRbac(this, 'rbac', { name, serviceAccount: this.serviceAccount, labels });
    this.collector = new CollectorDeployment(this, 'collector', {
      name,
      namespace: this.namespace,
      labels,
      image: props.image ?? IMAGES.adotCollector,
      replicas: props.replicas ?? 1,
      resources: props.resources ?? { cpuRequestMillis: 200, memoryRequestMebibytes: 400, memoryLimitMebibytes: 2048 },
      serviceAccount: this.serviceAccount,
      configYaml: renderCollectorConfig(adotMetricsConfig(props)),
      ports: [{ name: 'telemetry', port: PORTS.collectorTelemetry }],
      // The collector's own metrics go through the same annotated-Service job as the sample app.
      serviceAnnotations: { [SELECTORS.scrapeAnnotation]: 'true' },
    });
  }
}
