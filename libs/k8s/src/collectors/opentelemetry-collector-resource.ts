import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { adotMetricsConfig, type AdotMetricsPipelineOptions } from './adot-metrics-config.js';
import { IrsaServiceAccount } from '../irsa-service-account.js';
import * as kplus from '../kplus.js';
import { collectorConfigObject } from './otel-collector-config.js';
import { ScrapeDiscoveryRbac } from './scrape-discovery-rbac.js';
import { IMAGES } from '../versions.js';
import { recommendedLabels, requireRegion, requireValue, type ResourceSpec } from '../workload-settings.js';

export interface AdotMetricsCollectorResourceProps extends AdotMetricsPipelineOptions {
  /** IAM role with `aps:RemoteWrite`, assumed through IRSA. */
  readonly roleArn: string;
  /** @default 'adot-col' */
  readonly namespace?: string;
  /** @default 'adot-metrics' */
  readonly name?: string;
  /** @default true */
  readonly createNamespace?: boolean;
  /** `deployment` scrapes the whole cluster from one pod; `statefulset` keeps a stable identity. @default 'deployment' */
  readonly mode?: 'deployment' | 'statefulset';
  /** @default IMAGES.adotCollector (the ADOT add-on's operator would otherwise pick its own default) */
  readonly image?: string;
  /** @default - requests 200m/400Mi, limit 2Gi */
  readonly resources?: ResourceSpec;
}

/**
 * The ADOT metrics pipeline as an `opentelemetry.io/v1beta1` OpenTelemetryCollector, for clusters running the
 * ADOT add-on (the OpenTelemetry operator), which then creates the Deployment, ConfigMap and Service itself.
 * The IRSA service account and the discovery RBAC are still ours.
 */
export class AdotMetricsCollectorResource extends Construct {
  public readonly serviceAccount: IrsaServiceAccount;
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: AdotMetricsCollectorResourceProps) {
    super(scope, id);
    const name = props.name ?? 'adot-metrics';
    const namespace = props.namespace ?? 'adot-col';
    requireRegion(props.region, `AdotMetricsCollectorResource ${name}`);
    requireValue(props.remoteWriteUrl, `AdotMetricsCollectorResource ${name}`, 'remoteWriteUrl');
    const labels = recommendedLabels(name, 'metrics-collector');
    const resources = props.resources ?? { cpuRequestMillis: 200, memoryRequestMebibytes: 400, memoryLimitMebibytes: 2048 };

    if (props.createNamespace ?? true) new kplus.Namespace(this, 'namespace', { metadata: { name: namespace } });
    this.serviceAccount = new IrsaServiceAccount(this, 'service-account', { name, namespace, roleArn: props.roleArn });
    new ScrapeDiscoveryRbac(this, 'rbac', { name, serviceAccount: this.serviceAccount, labels });
    this.resource = new ApiObject(this, 'collector', {
      apiVersion: 'opentelemetry.io/v1beta1',
      kind: 'OpenTelemetryCollector',
      metadata: { name, namespace, labels },
      spec: {
        mode: props.mode ?? 'deployment',
        replicas: 1,
        image: props.image ?? IMAGES.adotCollector,
        serviceAccount: name,
        resources: {
          requests: { cpu: `${resources.cpuRequestMillis}m`, memory: `${resources.memoryRequestMebibytes}Mi` },
          limits: {
            memory: `${resources.memoryLimitMebibytes}Mi`,
            ...(resources.cpuLimitMillis ? { cpu: `${resources.cpuLimitMillis}m` } : {}),
          },
        },
        config: collectorConfigObject(adotMetricsConfig(props)),
      },
    });
  }
}
