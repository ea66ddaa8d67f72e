/** One synthesized Kubernetes object and the chart it belongs to. */
export interface Manifest {
  readonly chart: string;
  readonly object: KubeObject;
}

export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly [field: string]: unknown;
}

/** A problem found in a manifest, before it is turned into a workspace `Problem`. */
export interface ManifestIssue {
  readonly manifest: Manifest;
  readonly field?: string;
  readonly message: string;
}

/** `chart adot-metrics / Deployment adot-col/adot-metrics`. */
export function describe(m: Manifest): string {
  const ns = m.object.metadata?.namespace;
  const name = m.object.metadata?.name ?? '<unnamed>';
  return `chart ${m.chart} / ${m.object.kind} ${ns ? `${ns}/` : ''}${name}`;
}

/** JSON pointer (`/spec/containers/0/image`) to a dotted path (`spec.containers[0].image`). */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

/** Kinds that are not namespaced, among those this toolkit emits or may emit. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'CustomResourceDefinition',
  'PersistentVolume',
  'PriorityClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'IngressClass',
]);
