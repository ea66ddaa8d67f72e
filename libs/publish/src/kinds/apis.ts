import type { KindContext } from './adapter.js';

/** A Kubernetes-style object as Grafana's /apis serve it. */
export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; resourceVersion?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec: Record<string, unknown>;
}

export function apisPath(ctx: KindContext, group: 'dashboard' | 'folder', resource: string, name?: string): string {
  const base = `/apis/${group}.grafana.app/${ctx.server.apis}/namespaces/${ctx.namespace}/${resource}`;
  return name ? `${base}/${encodeURIComponent(name)}` : base;
}

/** Every object of a resource, following `continue` tokens (one call when they fit a page). */
export async function listAll(ctx: KindContext, group: 'dashboard' | 'folder', resource: string, what: string): Promise<K8sObject[]> {
  const items: K8sObject[] = [];
  let token: string | undefined;
  do {
    const q = new URLSearchParams({ limit: '1000', ...(token ? { continue: token } : {}) });
    const page = await ctx.client.get<{ items?: K8sObject[]; metadata?: { continue?: string } }>(`${apisPath(ctx, group, resource)}?${q}`, {
      what,
    });
    items.push(...(page?.items ?? []));
    token = page?.metadata?.continue || undefined;
  } while (token);
  return items;
}
