import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as kplus from '../kplus.js';
import { IMAGES, PORTS, SELECTORS } from '../versions.js';
import {
  containerResources,
  recommendedLabels,
  RESTRICTED_CONTAINER,
  selectPodsByLabels,
  type ResourceSpec,
} from '../workload-settings.js';

/** API groups and resources kube-state-metrics lists; `--resources` names the same set so nothing is forbidden. */
const WATCHED: readonly { group: string; resources: readonly string[] }[] = [
  {
    group: '',
    resources: [
      'configmaps',
      'nodes',
      'pods',
      'services',
      'serviceaccounts',
      'resourcequotas',
      'replicationcontrollers',
      'limitranges',
      'persistentvolumeclaims',
      'persistentvolumes',
      'namespaces',
      'endpoints',
    ],
  },
  { group: 'apps', resources: ['statefulsets', 'daemonsets', 'deployments', 'replicasets'] },
  { group: 'batch', resources: ['cronjobs', 'jobs'] },
  { group: 'autoscaling', resources: ['horizontalpodautoscalers'] },
  { group: 'policy', resources: ['poddisruptionbudgets'] },
  { group: 'storage.k8s.io', resources: ['storageclasses', 'volumeattachments'] },
  { group: 'networking.k8s.io', resources: ['ingresses', 'networkpolicies', 'ingressclasses'] },
  { group: 'coordination.k8s.io', resources: ['leases'] },
  { group: 'discovery.k8s.io', resources: ['endpointslices'] },
];

export interface KubeStateMetricsProps {
  /** @default 'kube-system' */
  readonly namespace?: string;
  /** @default 'kube-state-metrics' */
  readonly name?: string;
  /** @default false (kube-system exists) */
  readonly createNamespace?: boolean;
  /**
   * Kubernetes labels exported as `label_*` on `kube_<resource>_labels`.
   * @default { nodes: ['eks.amazonaws.com/nodegroup'] } (the EKS node-group dashboard groups by it)
   */
  readonly metricLabelsAllowlist?: Readonly<Record<string, readonly string[]>>;
  /** @default IMAGES.kubeStateMetrics */
  readonly image?: string;
  /** @default - requests 50m/128Mi, limit 512Mi */
  readonly resources?: ResourceSpec;
}

/** kube-state-metrics (Deployment, Service, RBAC); secrets are deliberately not watched. */
export class KubeStateMetrics extends Construct {
  public readonly deployment: kplus.Deployment;
  public readonly service: kplus.Service;
  public readonly args: readonly string[];

  constructor(scope: Construct, id: string, props: KubeStateMetricsProps = {}) {
    super(scope, id);
    const name = props.name ?? 'kube-state-metrics';
    const namespace = props.namespace ?? 'kube-system';
    const labels = {
      ...recommendedLabels(SELECTORS.kubeStateMetricsName, 'exporter'),
      [SELECTORS.appName]: SELECTORS.kubeStateMetricsName,
    };
    const meta = { name, namespace, labels };
    if (props.createNamespace ?? false) new kplus.Namespace(this, 'namespace', { metadata: { name: namespace } });

    const serviceAccount = new kplus.ServiceAccount(this, 'service-account', { metadata: meta, automountToken: true });
    const role = new kplus.ClusterRole(this, 'cluster-role', { metadata: { name, labels } });
    for (const w of WATCHED) {
      role.allow(['list', 'watch'], ...w.resources.map((r) => kplus.ApiResource.custom({ apiGroup: w.group, resourceType: r })));
    }
    new kplus.ClusterRoleBinding(this, 'cluster-role-binding', { metadata: { name, labels }, role }).addSubjects(serviceAccount);

    const allowlist = props.metricLabelsAllowlist ?? { nodes: [SELECTORS.eksNodegroupLabel] };
    const allowlistArg = Object.entries(allowlist)
      .map(([resource, keys]) => `${resource}=[${keys.join(',')}]`)
      .join(',');
    this.args = [
      `--port=${PORTS.kubeStateMetrics}`,
      `--telemetry-port=${PORTS.kubeStateMetricsTelemetry}`,
      `--resources=${WATCHED.flatMap((w) => w.resources)
        .sort()
        .join(',')}`,
      ...(allowlistArg ? [`--metric-labels-allowlist=${allowlistArg}`] : []),
    ];
    this.deployment = new kplus.Deployment(this, 'deployment', {
      metadata: meta,
      replicas: 1,
      select: false,
      serviceAccount,
      automountServiceAccountToken: true,
      containers: [
        {
          name: 'kube-state-metrics',
          image: props.image ?? IMAGES.kubeStateMetrics,
          imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
          args: [...this.args],
          ports: [
            { name: 'http-metrics', number: PORTS.kubeStateMetrics },
            { name: 'telemetry', number: PORTS.kubeStateMetricsTelemetry },
          ],
          liveness: kplus.Probe.fromHttpGet('/livez', { port: PORTS.kubeStateMetrics, initialDelaySeconds: Duration.seconds(5) }),
          readiness: kplus.Probe.fromHttpGet('/readyz', {
            port: PORTS.kubeStateMetricsTelemetry,
            initialDelaySeconds: Duration.seconds(5),
          }),
          resources: containerResources(
            props.resources ?? { cpuRequestMillis: 50, memoryRequestMebibytes: 128, memoryLimitMebibytes: 512 },
          ),
          securityContext: { ...RESTRICTED_CONTAINER, user: 65534, group: 65534 },
        },
      ],
    });
    selectPodsByLabels(this.deployment, labels);
    this.service = new kplus.Service(this, 'service', {
      metadata: meta,
      type: kplus.ServiceType.CLUSTER_IP,
      ports: [
        { name: 'http-metrics', port: PORTS.kubeStateMetrics, targetPort: PORTS.kubeStateMetrics },
        { name: 'telemetry', port: PORTS.kubeStateMetricsTelemetry, targetPort: PORTS.kubeStateMetricsTelemetry },
      ],
    });
    for (const [k, v] of Object.entries(labels)) this.service.selectLabel(k, v);
  }
}
