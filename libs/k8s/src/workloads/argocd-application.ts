import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { requireValue } from '../workload-settings.js';

/** A Helm chart in a chart repository. */
export interface HelmChartSource {
  readonly repoURL: string;
  readonly chart: string;
  /** Exact chart version; Argo CD renders exactly this. */
  readonly version: string;
}

export interface ArgoCdApplicationProps {
  /** Application name; also the Helm release name. */
  readonly name: string;
  readonly source: HelmChartSource;
  /** Helm values, rendered as `spec.source.helm.valuesObject`. */
  readonly values: object;
  /** Namespace the chart is installed into. */
  readonly destinationNamespace: string;
  /** @default 'https://kubernetes.default.svc' (the cluster Argo CD runs in) */
  readonly destinationServer?: string;
  /** Namespace Argo CD watches for Applications. @default 'argocd' */
  readonly namespace?: string;
  /** @default 'default' */
  readonly project?: string;
  /** Order among Applications synced together (lower first). @default - none */
  readonly syncWave?: number;
  /** Sync automatically, pruning and self-healing. @default true */
  readonly automated?: boolean;
}

/** An Argo CD `Application` installing one upstream Helm chart with typed values; synthesis needs no helm binary. */
export class ArgoCdApplication extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoCdApplicationProps) {
    super(scope, id);
    for (const [field, value] of [
      ['source.repoURL', props.source.repoURL],
      ['source.chart', props.source.chart],
      ['source.version', props.source.version],
    ] as const) {
      requireValue(value, `ArgoCdApplication ${props.name}`, field);
    }
    this.apiObject = new ApiObject(this, 'application', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: props.name,
        namespace: props.namespace ?? 'argocd',
        // Deleting the Application also deletes what it installed.
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
        annotations: props.syncWave === undefined ? undefined : { 'argocd.argoproj.io/sync-wave': String(props.syncWave) },
      },
      spec: {
        project: props.project ?? 'default',
        source: {
          repoURL: props.source.repoURL,
          chart: props.source.chart,
          targetRevision: props.source.version,
          helm: { releaseName: props.name, valuesObject: props.values },
        },
        destination: { server: props.destinationServer ?? 'https://kubernetes.default.svc', namespace: props.destinationNamespace },
        syncPolicy: {
          automated: (props.automated ?? true) ? { prune: true, selfHeal: true } : undefined,
          // Server-side apply: the Mimir and Loki charts' objects exceed the client-side annotation size limit.
          syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'],
        },
      },
    });
  }
}
