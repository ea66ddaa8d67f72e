/**
 * SYNTHETIC SOURCE FOR PREVIEW ONLY. A made-up mesh of three services whose Envoy sidecars this app
 * imitates; none of these numbers were measured anywhere.
 */

/** One service of the synthetic mesh and how its application behaves behind its sidecar. */
export interface ServiceModel {
  readonly namespace: string;
  readonly service: string;
  /** Pod names; each pod has its own sidecar, so its own series. */
  readonly pods: readonly string[];
  /** The application's own work per request, log-normal in milliseconds. */
  readonly latency: { readonly medianMs: number; readonly sigma: number };
  /** Probabilities that the application answers 3xx, 4xx or 5xx on its own. */
  readonly responses: { readonly redirect: number; readonly clientError: number; readonly serverError: number };
  /** Downstream services it calls, with the chance of one call per request. */
  readonly calls: readonly { readonly service: string; readonly probability: number }[];
  /** Endpoints failing health checks: `count` of them for the first `seconds` of every `periodSeconds`. */
  readonly flapping?: { readonly count: number; readonly seconds: number; readonly periodSeconds: number };
}

export interface MeshModel {
  /** App Mesh name, part of the Envoy cluster names. */
  readonly mesh: string;
  /** Requests per second arriving at the entry service from outside the mesh. */
  readonly entryRps: number;
  readonly entry: string;
  readonly services: readonly ServiceModel[];
}

/** frontend (web) -> catalog (shop) -> inventory (shop); inventory is slightly degraded: slower tail, more 5xx, a flapping endpoint. */
export const syntheticMesh: MeshModel = {
  mesh: 'demo',
  entryRps: 30,
  entry: 'frontend',
  services: [
    {
      namespace: 'web',
      service: 'frontend',
      pods: ['frontend-6b8d7c9f5-x2k4p', 'frontend-6b8d7c9f5-m9q7t'],
      latency: { medianMs: 12, sigma: 0.5 },
      responses: { redirect: 0.02, clientError: 0.03, serverError: 0.002 },
      calls: [{ service: 'catalog', probability: 0.9 }],
    },
    {
      namespace: 'shop',
      service: 'catalog',
      pods: ['catalog-7f6c5d4b8-c3v8n', 'catalog-7f6c5d4b8-h5j2w', 'catalog-7f6c5d4b8-p8r6z'],
      latency: { medianMs: 8, sigma: 0.6 },
      responses: { redirect: 0.01, clientError: 0.01, serverError: 0.003 },
      calls: [{ service: 'inventory', probability: 0.7 }],
    },
    {
      namespace: 'shop',
      service: 'inventory',
      pods: ['inventory-5c9b8a7d6-k7d3s', 'inventory-5c9b8a7d6-t4w9f'],
      latency: { medianMs: 25, sigma: 0.9 },
      responses: { redirect: 0, clientError: 0.005, serverError: 0.03 },
      calls: [],
      flapping: { count: 1, seconds: 20, periodSeconds: 60 },
    },
  ],
};

/** Envoy cluster names as App Mesh generates them. */
export const ingressCluster = (mesh: string, service: string) => `cds_ingress_${mesh}_${service}_http_8080`;
export const egressCluster = (mesh: string, service: string) => `cds_egress_${mesh}_${service}_http_8080`;

/** Endpoints of `s` failing health checks at time `seconds`. */
export function unhealthyEndpoints(s: ServiceModel, seconds: number): number {
  if (!s.flapping) return 0;
  return seconds % s.flapping.periodSeconds < s.flapping.seconds ? Math.min(s.flapping.count, s.pods.length) : 0;
}
