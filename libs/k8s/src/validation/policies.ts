import { CLUSTER_SCOPED_KINDS, type Manifest, type ManifestIssue } from './manifest.js';

interface Container {
  readonly name: string;
  readonly image?: string;
  readonly resources?: { readonly requests?: Record<string, string>; readonly limits?: Record<string, string> };
}

const podSpecOf = (m: Manifest): { containers?: Container[]; initContainers?: Container[] } | undefined => {
  const spec = m.object.spec as { template?: { spec?: { containers?: Container[] } } } | undefined;
  return spec?.template?.spec;
};

/**
 * House rules cdk8s-plus defaults would otherwise break: cluster-scoped objects carry no namespace, names are
 * explicit (no cdk8s hash suffix), images are pinned, every container sets memory requests and limits, and no
 * object is defined twice across charts (identical Namespaces excepted: applying one twice is harmless).
 */
export function checkPolicies(all: readonly Manifest[]): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const seen = new Map<string, Manifest>();
  for (const m of all) {
    const meta = m.object.metadata ?? {};
    if (!meta.name) issues.push({ manifest: m, field: 'metadata.name', message: 'every object needs an explicit name' });
    else if (/-c8[0-9a-f]{6}$/.test(meta.name))
      issues.push({
        manifest: m,
        field: 'metadata.name',
        message: 'name carries a cdk8s hash; set metadata.name explicitly so renaming a construct does not rename the object',
      });
    if (CLUSTER_SCOPED_KINDS.has(m.object.kind) && meta.namespace) {
      issues.push({
        manifest: m,
        field: 'metadata.namespace',
        message: `${m.object.kind} is cluster-scoped and must not have a namespace`,
      });
    }
    if (!CLUSTER_SCOPED_KINDS.has(m.object.kind) && !meta.namespace) {
      issues.push({ manifest: m, field: 'metadata.namespace', message: 'namespaced objects must name their namespace explicitly' });
    }
    const key = `${m.object.apiVersion}/${m.object.kind}/${meta.namespace ?? ''}/${meta.name ?? ''}`;
    const previous = seen.get(key);
    if (previous) {
      const identical = m.object.kind === 'Namespace' && JSON.stringify(previous.object) === JSON.stringify(m.object);
      if (!identical) issues.push({ manifest: m, message: `also defined in chart ${previous.chart}` });
    } else seen.set(key, m);

    const pod = podSpecOf(m);
    for (const [list, containers] of [
      ['containers', pod?.containers],
      ['initContainers', pod?.initContainers],
    ] as const) {
      (containers ?? []).forEach((c, i) => {
        const field = `spec.template.spec.${list}[${i}]`;
        if (!c.image || !/(:[\w][\w.-]*|@sha256:[0-9a-f]{64})$/.test(c.image.replace(/^[^/]+:\d+\//, ''))) {
          issues.push({
            manifest: m,
            field: `${field}.image`,
            message: `image ${JSON.stringify(c.image)} must be pinned to a tag or digest`,
          });
        } else if (/:latest$/.test(c.image)) {
          issues.push({ manifest: m, field: `${field}.image`, message: 'image must not use :latest' });
        }
        if (!c.resources?.requests?.memory || !c.resources?.limits?.memory) {
          issues.push({ manifest: m, field: `${field}.resources`, message: 'memory request and limit must be set deliberately' });
        }
      });
    }
  }
  return issues;
}
