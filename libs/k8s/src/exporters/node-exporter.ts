import { ApiObject, JsonPatch } from 'cdk8s';
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

export interface NodeExporterProps {
  /** @default 'kube-system' */
  readonly namespace?: string;
  /** @default 'node-exporter' */
  readonly name?: string;
  /** @default false (kube-system exists) */
  readonly createNamespace?: boolean;
  /** @default IMAGES.nodeExporter */
  readonly image?: string;
  /** @default - requests 50m/64Mi, limit 256Mi */
  readonly resources?: ResourceSpec;
}

/**
 * Prometheus node-exporter as a DaemonSet on the host network, so `instance` is `<hostIP>:9100` as the EKS
 * dashboard expects. Kept off Fargate nodes, where a DaemonSet pod can never be scheduled.
 */
export class NodeExporter extends Construct {
  public readonly daemonSet: kplus.DaemonSet;

  constructor(scope: Construct, id: string, props: NodeExporterProps = {}) {
    super(scope, id);
    const name = props.name ?? 'node-exporter';
    const namespace = props.namespace ?? 'kube-system';
    const labels = { ...recommendedLabels(SELECTORS.nodeExporterName, 'exporter'), [SELECTORS.appName]: SELECTORS.nodeExporterName };
    if (props.createNamespace ?? false) new kplus.Namespace(this, 'namespace', { metadata: { name: namespace } });

    // node-exporter never calls the Kubernetes API: no service account token.
    this.daemonSet = new kplus.DaemonSet(this, 'daemon-set', {
      metadata: { name, namespace, labels },
      select: false,
      automountServiceAccountToken: false,
      hostNetwork: true,
      containers: [
        {
          name: 'node-exporter',
          image: props.image ?? IMAGES.nodeExporter,
          imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
          args: [
            '--path.rootfs=/host/root',
            '--path.procfs=/host/proc',
            '--path.sysfs=/host/sys',
            `--web.listen-address=:${PORTS.nodeExporter}`,
          ],
          ports: [{ name: 'metrics', number: PORTS.nodeExporter, hostPort: PORTS.nodeExporter }],
          liveness: kplus.Probe.fromHttpGet('/', { port: PORTS.nodeExporter }),
          readiness: kplus.Probe.fromHttpGet('/', { port: PORTS.nodeExporter }),
          resources: containerResources(props.resources ?? { cpuRequestMillis: 50, memoryRequestMebibytes: 64, memoryLimitMebibytes: 256 }),
          securityContext: { ...RESTRICTED_CONTAINER, user: 65534, group: 65534 },
        },
      ],
    });
    selectPodsByLabels(this.daemonSet, labels);
    this.daemonSet.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.any()));
    this.daemonSet.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.notIn('eks.amazonaws.com/compute-type', ['fargate'])));
    const container = this.daemonSet.containers[0]!;
    const host = (volumeId: string, path: string) => kplus.Volume.fromHostPath(this, volumeId, volumeId, { path });
    container.mount('/host/root', host('root', '/'), { readOnly: true, propagation: kplus.MountPropagation.HOST_TO_CONTAINER });
    container.mount('/host/proc', host('proc', '/proc'), { readOnly: true });
    container.mount('/host/sys', host('sys', '/sys'), { readOnly: true });
    // Process metrics need the host PID namespace; cdk8s-plus has no prop for it (patches see the L1 names: hostPid).
    ApiObject.of(this.daemonSet).addJsonPatch(JsonPatch.add('/spec/template/spec/hostPid', true));
  }
}
