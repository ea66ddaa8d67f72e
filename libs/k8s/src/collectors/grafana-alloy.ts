import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { renderAlloyConfig } from './alloy-config.js';
import { alloyPipeline, type AlloyLogsOptions, type AlloyMetricsDestination, type AlloyTracesOptions } from './alloy-pipeline.js';
import { IrsaServiceAccount } from '../irsa-service-account.js';
import * as kplus from '../kplus.js';
import type { ScrapeJob } from './scrape-config.js';
import { ScrapeDiscoveryRbac } from './scrape-discovery-rbac.js';
import {
  annotatedPodsJob,
  applicationJob,
  envoySidecarJob,
  kubeStateMetricsJob,
  nodeExporterJob,
  type ApplicationEndpoint,
} from './scrape-jobs.js';
import { IMAGES, PORTS } from '../versions.js';
import {
  containerResources,
  recommendedLabels,
  requireRegion,
  requireValue,
  selectPodsByLabels,
  type ResourceSpec,
} from '../workload-settings.js';

export interface GrafanaAlloyProps {
  /** Where metrics go: in-cluster Mimir, or AMP signed with SigV4 (then `roleArn` is required). */
  readonly metrics: AlloyMetricsDestination;
  /** Pod logs from /var/log/pods pushed to Loki. @default - no log collection */
  readonly logs?: AlloyLogsOptions;
  /** OTLP receivers forwarding traces to Tempo; also exposed on the Service. @default - no trace collection */
  readonly traces?: AlloyTracesOptions;
  /** IAM role for SigV4 remote write to AMP, through IRSA. @default - none (required when metrics.kind is 'amp') */
  readonly roleArn?: string;
  /** @default 'alloy' */
  readonly namespace?: string;
  /** @default 'alloy' */
  readonly name?: string;
  /** @default true */
  readonly createNamespace?: boolean;
  /**
   * Scrape Envoy sidecars (App Mesh) on 9901 with the `namespace`/`service` labels the Envoy dashboard uses.
   * @default true
   */
  readonly scrapeEnvoy?: boolean;
  /** Application endpoints, e.g. `{ jobName: 'quarkus', podLabels: { framework: 'quarkus' }, port: 8080, path: '/q/metrics' }`. @default [] */
  readonly applicationEndpoints?: readonly ApplicationEndpoint[];
  /** Replace the built-in job list (kube-state-metrics, node-exporter, annotated pods, Envoy, applications). @default - built-in jobs */
  readonly scrapeJobs?: readonly ScrapeJob[];
  /** @default '15s' */
  readonly scrapeInterval?: string;
  /** Labels added to every series, e.g. `{ cluster: 'prod' }`. @default {} */
  readonly externalLabels?: Readonly<Record<string, string>>;
  /** @default IMAGES.alloy */
  readonly image?: string;
  /** @default - requests 100m/256Mi, limit 1Gi */
  readonly resources?: ResourceSpec;
}

export const ALLOY_CONFIG_KEY = 'config.alloy';
const NODE_NAME_ENV = 'NODE_NAME';

/**
 * Grafana Alloy as a DaemonSet (replaces the EOL Grafana Agent of the App Mesh recipe and collects for the LGTM
 * stack): each pod scrapes its own node's targets, tails its node's pod logs and receives OTLP traces.
 */
export class GrafanaAlloy extends Construct {
  public readonly namespace: string;
  public readonly name: string;
  public readonly configText: string;
  public readonly scrapeJobs: readonly ScrapeJob[];
  public readonly daemonSet: kplus.DaemonSet;
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: GrafanaAlloyProps) {
    super(scope, id);
    this.name = props.name ?? 'alloy';
    this.namespace = props.namespace ?? 'alloy';
    const who = `GrafanaAlloy ${this.name}`;
    requireValue(props.metrics.url, who, 'metrics.url');
    if (props.metrics.kind === 'amp') {
      requireRegion(props.metrics.region, who, 'metrics.region');
      if (!props.roleArn) throw new Error(`${who}: roleArn is required to sign remote write to AMP with SigV4`);
    }
    const labels = recommendedLabels(this.name, 'agent');
    const meta = (name: string) => ({ name, namespace: this.namespace, labels });

    this.scrapeJobs = props.scrapeJobs ?? [
      kubeStateMetricsJob(),
      nodeExporterJob(),
      annotatedPodsJob(),
      ...((props.scrapeEnvoy ?? true) ? [envoySidecarJob()] : []),
      ...(props.applicationEndpoints ?? []).map(applicationJob),
    ];
    this.configText = renderAlloyConfig(
      alloyPipeline({
        scrapeJobs: this.scrapeJobs,
        metrics: props.metrics,
        logs: props.logs,
        traces: props.traces,
        nodeNameEnv: NODE_NAME_ENV,
        scrapeInterval: props.scrapeInterval,
        externalLabels: props.externalLabels,
      }),
    );

    if (props.createNamespace ?? true) new kplus.Namespace(this, 'namespace', { metadata: { name: this.namespace } });
    const serviceAccount = props.roleArn
      ? new IrsaServiceAccount(this, 'service-account', { name: this.name, namespace: this.namespace, roleArn: props.roleArn })
      : new kplus.ServiceAccount(this, 'service-account', { metadata: meta(this.name), automountToken: true });
    new ScrapeDiscoveryRbac(this, 'rbac', { name: this.name, serviceAccount, labels, alsoRead: [kplus.ApiResource.NAMESPACES] });

    const configMap = new kplus.ConfigMap(this, 'config', {
      metadata: meta(`${this.name}-config`),
      data: { [ALLOY_CONFIG_KEY]: this.configText },
    });
    const ports = [
      { name: 'http', number: PORTS.alloyHttp },
      ...(props.traces
        ? [
            { name: 'otlp-grpc', number: PORTS.otlpGrpc },
            { name: 'otlp-http', number: PORTS.otlpHttp },
          ]
        : []),
    ];
    this.daemonSet = new kplus.DaemonSet(this, 'daemon-set', {
      metadata: meta(this.name),
      select: false,
      serviceAccount,
      automountServiceAccountToken: true,
      // Reading other pods' log files under /var/log/pods needs root; everything else stays restricted.
      securityContext: { ensureNonRoot: false, user: 0, group: 0 },
      containers: [
        {
          name: 'alloy',
          image: props.image ?? IMAGES.alloy,
          imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
          args: [
            'run',
            `/etc/alloy/${ALLOY_CONFIG_KEY}`,
            '--storage.path=/var/lib/alloy/data',
            `--server.http.listen-addr=0.0.0.0:${PORTS.alloyHttp}`,
            '--stability.level=generally-available',
          ],
          ports,
          envVariables: { [NODE_NAME_ENV]: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME) },
          readiness: kplus.Probe.fromHttpGet('/-/ready', { port: PORTS.alloyHttp, periodSeconds: Duration.seconds(10) }),
          startup: kplus.Probe.fromHttpGet('/-/ready', { port: PORTS.alloyHttp, periodSeconds: Duration.seconds(5), failureThreshold: 24 }),
          resources: containerResources(
            props.resources ?? { cpuRequestMillis: 100, memoryRequestMebibytes: 256, memoryLimitMebibytes: 1024 },
          ),
          securityContext: {
            ensureNonRoot: false,
            user: 0,
            group: 0,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            privileged: false,
          },
        },
      ],
    });
    selectPodsByLabels(this.daemonSet, labels);
    // Alloy's own metrics (remote-write sent, failed, pending) through the annotated-pods job: the pipeline dashboard reads them.
    this.daemonSet.podMetadata.addAnnotation('prometheus.io/scrape', 'true');
    this.daemonSet.podMetadata.addAnnotation('prometheus.io/port', String(PORTS.alloyHttp));
    this.daemonSet.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.any()));
    const container = this.daemonSet.containers[0]!;
    container.mount('/etc/alloy', kplus.Volume.fromConfigMap(this, 'config-volume', configMap, { name: 'config' }), { readOnly: true });
    container.mount('/var/log/pods', kplus.Volume.fromHostPath(this, 'pod-logs', 'pod-logs', { path: '/var/log/pods' }), {
      readOnly: true,
    });
    // WAL and log positions survive pod restarts on the node, so nothing is re-sent or lost.
    container.mount(
      '/var/lib/alloy/data',
      kplus.Volume.fromHostPath(this, 'data', 'data', { path: '/var/lib/alloy', type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE }),
    );

    this.service = new kplus.Service(this, 'service', {
      metadata: meta(this.name),
      type: kplus.ServiceType.CLUSTER_IP,
      ports: ports.map((p) => ({ name: p.name, port: p.number, targetPort: p.number })),
    });
    for (const [k, v] of Object.entries(labels)) this.service.selectLabel(k, v);
  }

  /** `host:port` of the OTLP gRPC Service port. */
  get otlpGrpcEndpoint(): string {
    return `${this.name}.${this.namespace}.svc.cluster.local:${PORTS.otlpGrpc}`;
  }

  /** `host:port` of the OTLP/HTTP Service port. */
  get otlpHttpEndpoint(): string {
    return `${this.name}.${this.namespace}.svc.cluster.local:${PORTS.otlpHttp}`;
  }
}
