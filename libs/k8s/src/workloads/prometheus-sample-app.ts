import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import * as kplus from '../kplus.js';
import { PORTS, SELECTORS } from '../versions.js';
import { containerResources, recommendedLabels, requireValue, RESTRICTED_CONTAINER, selectPodsByLabels } from '../workload-settings.js';

/** The sample app's config.yaml (it exits if the file is missing from its working directory). */
export interface PrometheusSampleAppSettings {
  /** Metric types to generate. @default 'all' */
  readonly type?: 'all' | 'counter' | 'gauge' | 'histogram' | 'summary';
  /** Metrics of each type; the dashboard reads test_counter8, so at least 9. @default 10 */
  readonly metricsCount?: number;
  /** @default 1 */
  readonly labelsCount?: number;
  /** @default 1 */
  readonly dataPointCount?: number;
  /** Seconds between updates. @default 15 */
  readonly frequencySeconds?: number;
}

export interface PrometheusSampleAppProps {
  /** The app's image (built from aws-otel-community sample-apps/prometheus-sample-app and pushed to your registry). */
  readonly image: string;
  /** @default 'prom-sample-app' */
  readonly namespace?: string;
  /** @default 'prometheus-sample-app' */
  readonly name?: string;
  /** @default true */
  readonly createNamespace?: boolean;
  /** @default - all metric types, 10 of each, one label, every 15 s */
  readonly settings?: PrometheusSampleAppSettings;
}

/**
 * The Go Prometheus sample app emitting `test_*` counters, gauges, histograms and summaries on :8080/metrics,
 * behind a Service annotated `scrape: "true"` so the ADOT metrics collector scrapes it.
 */
export class PrometheusSampleApp extends Construct {
  public readonly deployment: kplus.Deployment;
  public readonly service: kplus.Service;
  public readonly configMap: kplus.ConfigMap;

  constructor(scope: Construct, id: string, props: PrometheusSampleAppProps) {
    super(scope, id);
    const name = props.name ?? 'prometheus-sample-app';
    const namespace = props.namespace ?? 'prom-sample-app';
    const image = requireValue(props.image, `PrometheusSampleApp ${name}`, 'image');
    const s = props.settings ?? {};
    const metricsCount = s.metricsCount ?? 10;
    if (metricsCount < 9)
      throw new Error(`PrometheusSampleApp ${name}: settings.metricsCount must be at least 9 (the dashboard reads test_counter8)`);
    const labels = recommendedLabels(name, 'sample-app');
    const meta = { name, namespace, labels };

    if (props.createNamespace ?? true) new kplus.Namespace(this, 'namespace', { metadata: { name: namespace } });
    const address = `0.0.0.0:${PORTS.prometheusSampleApp}`;
    this.configMap = new kplus.ConfigMap(this, 'config', {
      metadata: { ...meta, name: `${name}-config` },
      data: {
        'config.yaml': stringify({
          Address: address,
          Type: s.type ?? 'all',
          MetricsCount: metricsCount,
          LabelsCount: s.labelsCount ?? 1,
          DataPointCount: s.dataPointCount ?? 1,
          Frequency: s.frequencySeconds ?? 15,
          Random: false,
        }),
      },
    });
    this.deployment = new kplus.Deployment(this, 'deployment', {
      metadata: meta,
      replicas: 1,
      select: false,
      automountServiceAccountToken: false,
      containers: [
        {
          name: 'prometheus-sample-app',
          image,
          imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
          command: ['/bin/main'],
          // The app reads ./config.yaml; running from the mounted directory finds it.
          workingDir: '/config',
          ports: [{ name: 'web', number: PORTS.prometheusSampleApp }],
          readiness: kplus.Probe.fromHttpGet('/', { port: PORTS.prometheusSampleApp, periodSeconds: Duration.seconds(10) }),
          liveness: kplus.Probe.fromHttpGet('/', { port: PORTS.prometheusSampleApp, periodSeconds: Duration.seconds(10) }),
          resources: containerResources({ cpuRequestMillis: 50, memoryRequestMebibytes: 32, memoryLimitMebibytes: 128 }),
          securityContext: { ...RESTRICTED_CONTAINER, user: 65534, group: 65534 },
        },
      ],
    });
    selectPodsByLabels(this.deployment, labels);
    this.deployment.containers[0]!.mount('/config', kplus.Volume.fromConfigMap(this, 'config-volume', this.configMap, { name: 'config' }), {
      readOnly: true,
    });
    this.service = new kplus.Service(this, 'service', {
      metadata: { ...meta, annotations: { [SELECTORS.scrapeAnnotation]: 'true' } },
      type: kplus.ServiceType.CLUSTER_IP,
      ports: [{ name: 'web', port: PORTS.prometheusSampleApp, targetPort: PORTS.prometheusSampleApp }],
    });
    for (const [k, v] of Object.entries(labels)) this.service.selectLabel(k, v);
  }
}
