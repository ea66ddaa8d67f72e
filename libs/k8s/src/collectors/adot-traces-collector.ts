import { Construct } from 'constructs';
import { CollectorDeployment } from './collector-deployment.js';
import { IrsaServiceAccount } from '../irsa-service-account.js';
import * as kplus from '../kplus.js';
import {
  awsXrayExporter,
  batchProcessor,
  healthCheckExtension,
  memoryLimiterProcessor,
  otlpReceiver,
  renderCollectorConfig,
  telemetryOnPort,
  type CollectorConfig,
} from './otel-collector-config.js';
import { IMAGES, PORTS } from '../versions.js';
import { recommendedLabels, requireRegion, type ResourceSpec } from '../workload-settings.js';

export interface AdotTracesCollectorProps {
  /** AWS region X-Ray segments are sent to. */
  readonly region: string;
  /** IAM role with `xray:PutTraceSegments`, `xray:PutTelemetryRecords` and `xray:GetSampling*`, assumed through IRSA. */
  readonly roleArn: string;
  /** @default 'adot-col' */
  readonly namespace?: string;
  /** Name of the Deployment, Service and ServiceAccount. @default 'adot-traces' */
  readonly name?: string;
  /** @default true */
  readonly createNamespace?: boolean;
  /** Stateless, so more replicas simply share the OTLP load. @default 1 */
  readonly replicas?: number;
  /** @default IMAGES.adotCollector */
  readonly image?: string;
  /** @default - requests 200m/400Mi, limit 2Gi */
  readonly resources?: ResourceSpec;
}

/** OTLP gRPC + HTTP → memory_limiter, batch → awsxray. */
export function adotTracesConfig(region: string): CollectorConfig {
  return {
    extensions: { health_check: healthCheckExtension() },
    receivers: { otlp: otlpReceiver({ grpc: PORTS.otlpGrpc, http: PORTS.otlpHttp }) },
    processors: { memory_limiter: memoryLimiterProcessor(), 'batch/traces': batchProcessor({ timeout: '1s', sendBatchSize: 50 }) },
    exporters: { awsxray: awsXrayExporter(region) },
    service: {
      extensions: ['health_check'],
      pipelines: { traces: { receivers: ['otlp'], processors: ['memory_limiter', 'batch/traces'], exporters: ['awsxray'] } },
      telemetry: telemetryOnPort(),
    },
  };
}

/**
 * ADOT collector receiving OTLP traces and exporting them to AWS X-Ray (recipe fargate-eks-xray-go-adot-amg).
 * Unlike the recipe, its Service exposes the OTLP ports, so applications can reach it.
 */
export class AdotTracesCollector extends Construct {
  public readonly namespace: string;
  public readonly name: string;
  public readonly serviceAccount: IrsaServiceAccount;
  public readonly collector: CollectorDeployment;

  constructor(scope: Construct, id: string, props: AdotTracesCollectorProps) {
    super(scope, id);
    this.name = props.name ?? 'adot-traces';
    this.namespace = props.namespace ?? 'adot-col';
    const region = requireRegion(props.region, `AdotTracesCollector ${this.name}`);
    const labels = recommendedLabels(this.name, 'traces-collector');

    if (props.createNamespace ?? true) new kplus.Namespace(this, 'namespace', { metadata: { name: this.namespace } });
    this.serviceAccount = new IrsaServiceAccount(this, 'service-account', {
      name: this.name,
      namespace: this.namespace,
      roleArn: props.roleArn,
    });
    this.collector = new CollectorDeployment(this, 'collector', {
      name: this.name,
      namespace: this.namespace,
      labels,
      image: props.image ?? IMAGES.adotCollector,
      replicas: props.replicas ?? 1,
      resources: props.resources ?? { cpuRequestMillis: 200, memoryRequestMebibytes: 400, memoryLimitMebibytes: 2048 },
      serviceAccount: this.serviceAccount,
      configYaml: renderCollectorConfig(adotTracesConfig(region)),
      ports: [
        { name: 'otlp-grpc', port: PORTS.otlpGrpc },
        { name: 'otlp-http', port: PORTS.otlpHttp },
        { name: 'telemetry', port: PORTS.collectorTelemetry },
      ],
      // Not annotated for scraping: the annotated-endpoints job would also hit the OTLP ports.
    });
  }

  /** `host:port` of the OTLP gRPC Service port, in the scheme-less form ho11y's OTel SDK expects. */
  get otlpGrpcEndpoint(): string {
    return `${this.name}.${this.namespace}:${PORTS.otlpGrpc}`;
  }

  /** `http://host:port` of the OTLP gRPC endpoint, for SDKs that follow the OTLP exporter spec. */
  get otlpGrpcUrl(): string {
    return `http://${this.name}.${this.namespace}.svc.cluster.local:${PORTS.otlpGrpc}`;
  }
}
