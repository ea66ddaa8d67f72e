import { ArgoCdApplication, PORTS, requireRegion, requireRoleArn, requireValue } from '@o11y/k8s';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { HELM_CHARTS } from './upstream-charts.js';
import {
  grafanaValues,
  lokiValues,
  mimirValues,
  tempoValues,
  type BackendContext,
  type LgtmMode,
  type ObjectStorage,
} from './lgtm-helm-values.js';

export interface LgtmStackProps {
  /** `single-binary` for one replica of each backend; `distributed` for loki simple-scalable, zone-aware mimir and tempo-distributed. @default 'single-binary' */
  readonly mode?: LgtmMode;
  /** Region of the S3 buckets. */
  readonly region: string;
  readonly loki: ObjectStorage;
  readonly mimir: ObjectStorage;
  readonly tempo: ObjectStorage;
  /** Secret (in the grafana namespace, created outside Git) with keys admin-user and admin-password. @default 'grafana-admin' */
  readonly grafanaAdminSecret?: string;
  /** EBS-backed StorageClass for WALs and Grafana's volume. @default 'gp3' */
  readonly storageClass?: string;
  /** Create that StorageClass (gp3, EBS CSI driver, WaitForFirstConsumer). @default true */
  readonly createStorageClass?: boolean;
  /**
   * Provision Mimir, Loki and Tempo data sources through the Grafana chart. Off by default: the environments
   * publish data sources through the Grafana API, and Grafana refuses API updates to provisioned ones.
   * @default false
   */
  readonly provisionGrafanaDatasources?: boolean;
  /** @default 'argocd' */
  readonly argoCdNamespace?: string;
  /** @default 'default' */
  readonly argoCdProject?: string;
}

const NAMESPACES = { loki: 'loki', mimir: 'mimir', tempo: 'tempo', grafana: 'grafana' } as const;
const svc = (name: string, namespace: string) => `${name}.${namespace}.svc.cluster.local`;

/** In-cluster addresses of the stack's backends: where Alloy writes and where Grafana's data sources read. */
export interface LgtmEndpoints {
  /** Loki's push URL through the chart's gateway (what Alloy's loki.write needs). */
  readonly lokiPushUrl: string;
  readonly lokiQueryUrl: string;
  /** Mimir's Prometheus remote-write URL through the chart's gateway. */
  readonly mimirRemoteWriteUrl: string;
  readonly mimirQueryUrl: string;
  /** Tempo's OTLP gRPC `host:port`: the single binary's Service, or tempo-distributed's distributor. */
  readonly tempoOtlpGrpcEndpoint: string;
  /** Tempo's HTTP API: the single binary's Service, or tempo-distributed's query frontend. */
  readonly tempoQueryUrl: string;
}

/** The addresses the stack has in one mode; they depend on nothing else, so an environment reads them without building the charts. */
export function lgtmEndpoints(mode: LgtmMode): LgtmEndpoints {
  const distributed = mode === 'distributed';
  return {
    lokiPushUrl: `http://${svc('loki-gateway', NAMESPACES.loki)}/loki/api/v1/push`,
    lokiQueryUrl: `http://${svc('loki-gateway', NAMESPACES.loki)}`,
    mimirRemoteWriteUrl: `http://${svc('mimir-gateway', NAMESPACES.mimir)}/api/v1/push`,
    mimirQueryUrl: `http://${svc('mimir-gateway', NAMESPACES.mimir)}/prometheus`,
    tempoOtlpGrpcEndpoint: `${svc(distributed ? 'tempo-distributor' : 'tempo', NAMESPACES.tempo)}:${PORTS.otlpGrpc}`,
    tempoQueryUrl: `http://${svc(distributed ? 'tempo-query-frontend' : 'tempo', NAMESPACES.tempo)}:3200`,
  };
}

/**
 * The self-hosted LGTM stack (Loki, Grafana, Tempo, Mimir) as Argo CD Applications of the upstream Helm charts,
 * with S3 storage, IRSA service accounts, WALs on EBS and Grafana's data sources pointing at the three backends.
 */
export class LgtmStack extends Construct {
  public readonly mode: LgtmMode;
  public readonly endpoints: LgtmEndpoints;
  public readonly applications: Record<'loki' | 'mimir' | 'tempo' | 'grafana', ArgoCdApplication>;

  constructor(scope: Construct, id: string, props: LgtmStackProps) {
    super(scope, id);
    this.mode = props.mode ?? 'single-binary';
    this.endpoints = lgtmEndpoints(this.mode);
    const region = requireRegion(props.region, 'LgtmStack');
    for (const backend of ['loki', 'mimir', 'tempo'] as const) {
      requireValue(props[backend].bucket, 'LgtmStack', `${backend}.bucket`);
      requireRoleArn(props[backend].roleArn, 'LgtmStack', `${backend}.roleArn`);
    }
    const storageClass = props.storageClass ?? 'gp3';
    if (props.createStorageClass ?? true) {
      new ApiObject(this, 'storage-class', {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: storageClass },
        provisioner: 'ebs.csi.aws.com',
        parameters: { type: 'gp3', encrypted: 'true' },
        // Bind in the pod's zone: an EBS volume cannot follow a pod to another zone.
        volumeBindingMode: 'WaitForFirstConsumer',
        allowVolumeExpansion: true,
        reclaimPolicy: 'Retain',
      });
    }
    const ctx = (backend: 'loki' | 'mimir' | 'tempo'): BackendContext => ({
      mode: this.mode,
      region,
      storage: props[backend],
      storageClass,
      serviceAccountName: backend,
    });
    const common = { namespace: props.argoCdNamespace ?? 'argocd', project: props.argoCdProject ?? 'default' };
    const tempoChart = this.mode === 'distributed' ? HELM_CHARTS.tempoDistributed : HELM_CHARTS.tempo;
    const chart = (c: { chart: string; version: string }) => ({ repoURL: HELM_CHARTS.repoURL, chart: c.chart, version: c.version });

    this.applications = {
      loki: new ArgoCdApplication(this, 'loki', {
        ...common,
        name: 'loki',
        source: chart(HELM_CHARTS.loki),
        values: lokiValues(ctx('loki')),
        destinationNamespace: NAMESPACES.loki,
        syncWave: 0,
      }),
      mimir: new ArgoCdApplication(this, 'mimir', {
        ...common,
        name: 'mimir',
        source: chart(HELM_CHARTS.mimir),
        values: mimirValues(ctx('mimir')),
        destinationNamespace: NAMESPACES.mimir,
        syncWave: 0,
      }),
      tempo: new ArgoCdApplication(this, 'tempo', {
        ...common,
        name: 'tempo',
        source: chart(tempoChart),
        values: tempoValues(ctx('tempo')),
        destinationNamespace: NAMESPACES.tempo,
        syncWave: 0,
      }),
      grafana: new ArgoCdApplication(this, 'grafana', {
        ...common,
        name: 'grafana',
        source: chart(HELM_CHARTS.grafana),
        values: grafanaValues({
          storageClass,
          adminSecret: props.grafanaAdminSecret ?? 'grafana-admin',
          datasources: !props.provisionGrafanaDatasources
            ? []
            : [
                { name: 'Mimir', uid: 'mimir', type: 'prometheus', url: this.endpoints.mimirQueryUrl, access: 'proxy', isDefault: true },
                { name: 'Loki', uid: 'loki', type: 'loki', url: this.endpoints.lokiQueryUrl, access: 'proxy' },
                { name: 'Tempo', uid: 'tempo', type: 'tempo', url: this.endpoints.tempoQueryUrl, access: 'proxy' },
              ],
        }),
        destinationNamespace: NAMESPACES.grafana,
        // After the backends, so its data sources answer on first start.
        syncWave: 1,
      }),
    };
  }
}
