import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as kplus from '../kplus.js';
import { PORTS } from '../versions.js';
import { containerResources, RESTRICTED_CONTAINER, selectPodsByLabels, type ResourceSpec } from '../workload-settings.js';

/** A port the collector listens on and its Service exposes under the same name and number. */
export interface NamedPort {
  readonly name: string;
  readonly port: number;
}

/** Settings shared by the ADOT collector Deployments (metrics and traces). */
export interface CollectorDeploymentProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly image: string;
  readonly replicas: number;
  readonly resources: ResourceSpec;
  readonly serviceAccount: kplus.IServiceAccount;
  /** The collector's YAML configuration, stored in a ConfigMap and mounted at /conf. */
  readonly configYaml: string;
  readonly ports: readonly NamedPort[];
  /** Service annotations, e.g. `scrape: "true"` so the collector's own metrics are scraped. */
  readonly serviceAnnotations?: Record<string, string>;
}

export const COLLECTOR_CONFIG_KEY = 'collector.yaml';

/**
 * ConfigMap + Deployment + ClusterIP Service for an OpenTelemetry collector. A Deployment because Fargate
 * runs no DaemonSets; probes hit the health_check extension, which must listen on 0.0.0.0.
 */
export class CollectorDeployment extends Construct {
  public readonly configMap: kplus.ConfigMap;
  public readonly deployment: kplus.Deployment;
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: CollectorDeploymentProps) {
    super(scope, id);
    const meta = (name: string, annotations?: Record<string, string>) => ({
      name,
      namespace: props.namespace,
      labels: props.labels,
      annotations,
    });
    this.configMap = new kplus.ConfigMap(this, 'config', {
      metadata: meta(`${props.name}-config`),
      data: { [COLLECTOR_CONFIG_KEY]: props.configYaml },
    });

    const health = kplus.Probe.fromHttpGet('/', {
      port: PORTS.collectorHealthCheck,
      periodSeconds: Duration.seconds(10),
      failureThreshold: 3,
    });
    this.deployment = new kplus.Deployment(this, 'deployment', {
      metadata: meta(props.name),
      replicas: props.replicas,
      minReady: Duration.seconds(5),
      select: false,
      serviceAccount: props.serviceAccount,
      automountServiceAccountToken: true,
      containers: [
        {
          name: 'collector',
          image: props.image,
          imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
          command: ['/awscollector'],
          args: [`--config=/conf/${COLLECTOR_CONFIG_KEY}`],
          ports: [...props.ports.map((p) => ({ name: p.name, number: p.port })), { name: 'health', number: PORTS.collectorHealthCheck }],
          liveness: health,
          readiness: health,
          startup: kplus.Probe.fromHttpGet('/', {
            port: PORTS.collectorHealthCheck,
            periodSeconds: Duration.seconds(5),
            failureThreshold: 12,
          }),
          resources: containerResources(props.resources),
          securityContext: { ...RESTRICTED_CONTAINER, user: 10001, group: 10001 },
        },
      ],
    });
    selectPodsByLabels(this.deployment, props.labels);
    this.deployment.containers[0]!.mount('/conf', kplus.Volume.fromConfigMap(this, 'config-volume', this.configMap, { name: 'config' }), {
      readOnly: true,
    });

    this.service = new kplus.Service(this, 'service', {
      metadata: meta(props.name, props.serviceAnnotations),
      type: kplus.ServiceType.CLUSTER_IP,
      ports: props.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.port })),
    });
    for (const [k, v] of Object.entries(props.labels)) this.service.selectLabel(k, v);
  }
}
