import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as kplus from '../kplus.js';
import { PORTS } from '../versions.js';
import { containerResources, requireValue, RESTRICTED_CONTAINER, selectPodsByLabels } from '../workload-settings.js';

export interface Ho11ySampleAppProps {
  /** The ho11y image (built from observability-best-practices sandbox/ho11y and pushed to your registry). */
  readonly image: string;
  /**
   * The collector's OTLP gRPC endpoint as `host:port` without a scheme (ho11y's OTel SDK v0.18 dials it as is),
   * e.g. `AdotTracesCollector.otlpGrpcEndpoint`.
   */
  readonly otlpEndpoint: string;
  /** Created by this construct (the recipe applied to a namespace nothing created). @default 'example-app' */
  readonly namespace?: string;
  /** @default true */
  readonly createNamespace?: boolean;
  /** The frontend answers ≈49 % of requests with a random 4xx/5xx/301. @default true */
  readonly injectFailures?: boolean;
  /**
   * Downstreams of downstream0 and downstream1. ho11y exits on any network error, so the default simulates calls
   * (`DUMMY:<size>:<duration>`) instead of calling public websites as the recipe did.
   * @default { downstream0: ['DUMMY:187kB:42ms'], downstream1: ['DUMMY:187kB:42ms', 'DUMMY:13kB:2ms'] }
   */
  readonly leafDownstreams?: { readonly downstream0: readonly string[]; readonly downstream1: readonly string[] };
}

/** One ho11y service: its name doubles as the X-Ray service name and the Service host name. */
interface Ho11yService {
  readonly name: string;
  readonly downstreams: readonly string[];
  readonly injectFailures: boolean;
}

/**
 * ho11y as frontend → downstream0 + downstream1, each a Deployment and a port-80 Service, sending traces over
 * OTLP gRPC to the traces collector (recipe fargate-eks-xray-go-adot-amg).
 */
export class Ho11ySampleApp extends Construct {
  public readonly namespace: string;
  public readonly deployments: Record<string, kplus.Deployment> = {};
  public readonly services: Record<string, kplus.Service> = {};

  constructor(scope: Construct, id: string, props: Ho11ySampleAppProps) {
    super(scope, id);
    this.namespace = props.namespace ?? 'example-app';
    const image = requireValue(props.image, 'Ho11ySampleApp', 'image');
    const otlpEndpoint = requireValue(props.otlpEndpoint, 'Ho11ySampleApp', 'otlpEndpoint');
    if (/^[a-z]+:\/\//.test(otlpEndpoint))
      throw new Error(`Ho11ySampleApp: otlpEndpoint ${JSON.stringify(otlpEndpoint)} must be host:port without a scheme`);
    const leaves = props.leafDownstreams ?? { downstream0: ['DUMMY:187kB:42ms'], downstream1: ['DUMMY:187kB:42ms', 'DUMMY:13kB:2ms'] };
    const services: Ho11yService[] = [
      { name: 'frontend', downstreams: ['http://downstream0', 'http://downstream1'], injectFailures: props.injectFailures ?? true },
      { name: 'downstream0', downstreams: leaves.downstream0, injectFailures: false },
      { name: 'downstream1', downstreams: leaves.downstream1, injectFailures: false },
    ];

    if (props.createNamespace ?? true) new kplus.Namespace(this, 'namespace', { metadata: { name: this.namespace } });
    for (const svc of services) {
      if (svc.downstreams.length > 5)
        throw new Error(`Ho11ySampleApp: ${svc.name} has ${svc.downstreams.length} downstreams; ho11y reads at most 5`);
      const labels = { app: svc.name, 'app.kubernetes.io/part-of': 'ho11y' };
      const env: Record<string, kplus.EnvValue> = {
        DISABLE_OM: kplus.EnvValue.fromValue('on'),
        HO11Y_LOG_DEST: kplus.EnvValue.fromValue('stdout'),
        OTEL_EXPORTER_OTLP_ENDPOINT: kplus.EnvValue.fromValue(otlpEndpoint),
        OTEL_RESOURCE_ATTRIB: kplus.EnvValue.fromValue(svc.name),
      };
      svc.downstreams.forEach((d, i) => (env[`DOWNSTREAM${i}`] = kplus.EnvValue.fromValue(d)));
      if (svc.injectFailures) env.HO11Y_INJECT_FAILURE = kplus.EnvValue.fromValue('enabled');

      const deployment = new kplus.Deployment(this, svc.name, {
        metadata: { name: svc.name, namespace: this.namespace, labels },
        replicas: 1,
        select: false,
        automountServiceAccountToken: false,
        // ho11y's own Prometheus metrics (ho11y_total…) for an annotated-pods scrape job.
        podMetadata: {
          annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(PORTS.ho11y), 'prometheus.io/path': '/metrics' },
        },
        containers: [
          {
            name: 'ho11y',
            image,
            imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
            ports: [{ name: 'http', number: PORTS.ho11y }],
            envVariables: env,
            // A TCP probe: every HTTP request to ho11y, even /metrics, would become a span in X-Ray.
            readiness: kplus.Probe.fromTcpSocket({ port: PORTS.ho11y, periodSeconds: Duration.seconds(10) }),
            resources: containerResources({ cpuRequestMillis: 50, memoryRequestMebibytes: 64, memoryLimitMebibytes: 256 }),
            // The image's user is 1001.
            securityContext: { ...RESTRICTED_CONTAINER, user: 1001, group: 1001 },
          },
        ],
      });
      selectPodsByLabels(deployment, labels);
      const service = new kplus.Service(this, `${svc.name}-service`, {
        metadata: { name: svc.name, namespace: this.namespace, labels },
        type: kplus.ServiceType.CLUSTER_IP,
        ports: [{ name: 'http', port: 80, targetPort: PORTS.ho11y }],
      });
      for (const [k, v] of Object.entries(labels)) service.selectLabel(k, v);
      this.deployments[svc.name] = deployment;
      this.services[svc.name] = service;
    }
  }
}
