/**
 * SYNTHETIC SOURCE FOR PREVIEW ONLY: simulates requests through a made-up mesh and records them in
 * Envoy-format metrics, so the envoy dashboard has something realistic to show without a cluster.
 */
import type { EnvoyMetrics, ProxyLabels, ResponseCodeClass } from './envoy-metrics.js';
import { logNormal, poisson, type Rng } from './random.js';
import { egressCluster, ingressCluster, unhealthyEndpoints, type MeshModel, type ServiceModel } from './topology.js';

/** Milliseconds a sidecar adds per hop (log-normal). */
const SIDECAR_OVERHEAD = { medianMs: 0.4, sigma: 0.4 };
/** Chance that a request needs a new connection rather than a pooled keep-alive one. */
const NEW_CONNECTION = 0.02;
/** Chance that a service passes an upstream 5xx on as its own 5xx (otherwise it degrades gracefully). */
const PROPAGATE_5XX = 0.8;
/** Idle keep-alive connections a listener or cluster holds besides the requests in flight. */
const IDLE_POOL = { entry: 4, egressListener: 2, localCluster: 2 };

interface Response {
  readonly codeClass: ResponseCodeClass;
  readonly latencyMs: number;
}

export interface TrafficSimulator {
  /** Simulates `dtSeconds` of traffic ending at `nowSeconds` (used for endpoint flapping); returns requests that entered the mesh. */
  step(dtSeconds: number, nowSeconds: number): number;
  /** Steps every `tickMs` in real time; returns a stop function. */
  start(tickMs?: number): () => void;
}

/** Pre-creates every series at zero (so each status class shows 0 rather than no data) and simulates traffic on `step`. */
export function createTrafficSimulator(metrics: EnvoyMetrics, mesh: MeshModel, rng: Rng): TrafficSimulator {
  const byName = new Map(mesh.services.map((s) => [s.service, s]));
  const callers = (s: ServiceModel) => mesh.services.filter((c) => c.calls.some((k) => k.service === s.service));
  /** Summed request time per active-connection gauge in the current tick (Little's law gives the requests in flight). */
  let busyMs = new Map<string, { gauge: 'downstream' | 'upstream'; labels: Record<string, string>; idle: number; ms: number }>();

  const proxy = (s: ServiceModel, pod: string): ProxyLabels => ({ namespace: s.namespace, service: s.service, kubernetes_pod_name: pod });
  const listenerLabels = (s: ServiceModel, pod: string, prefix: 'ingress' | 'egress') => ({
    ...proxy(s, pod),
    envoy_http_conn_manager_prefix: prefix,
  });
  const clusterLabels = (s: ServiceModel, pod: string, cluster: string) => ({ ...proxy(s, pod), envoy_cluster_name: cluster });
  const idleDownstream = (s: ServiceModel, prefix: 'ingress' | 'egress') =>
    prefix === 'egress'
      ? IDLE_POOL.egressListener
      : s.service === mesh.entry
        ? IDLE_POOL.entry
        : callers(s).reduce((n, c) => n + c.pods.length, 0);

  const recordDownstream = (s: ServiceModel, pod: string, prefix: 'ingress' | 'egress', r: Response) => {
    const labels = listenerLabels(s, pod, prefix);
    metrics.downstreamRqTotal.inc(labels);
    metrics.downstreamRqXx.inc({ ...labels, envoy_response_code_class: r.codeClass });
    metrics.downstreamRqTime.observe(labels, r.latencyMs);
    if (rng.next() < NEW_CONNECTION) metrics.downstreamCxTotal.inc(labels);
    addBusy('downstream', labels, idleDownstream(s, prefix), r.latencyMs);
  };
  const recordUpstream = (s: ServiceModel, pod: string, cluster: string, idle: number, r: Response) => {
    const labels = clusterLabels(s, pod, cluster);
    metrics.upstreamRqTotal.inc(labels);
    metrics.upstreamRqXx.inc({ ...labels, envoy_response_code_class: r.codeClass });
    metrics.upstreamRqTime.observe(labels, r.latencyMs);
    if (rng.next() < NEW_CONNECTION) metrics.upstreamCxTotal.inc(labels);
    addBusy('upstream', labels, idle, r.latencyMs);
  };
  const addBusy = (gauge: 'downstream' | 'upstream', labels: Record<string, string>, idle: number, ms: number) => {
    const key = `${gauge}|${Object.values(labels).join('|')}`;
    const entry = busyMs.get(key) ?? { gauge, labels, idle, ms: 0 };
    entry.ms += ms;
    busyMs.set(key, entry);
  };
  const overhead = () => logNormal(rng, SIDECAR_OVERHEAD.medianMs, SIDECAR_OVERHEAD.sigma);

  /** One request arriving at a pod of `s` through its ingress listener; returns what the caller sees. */
  const handle = (s: ServiceModel): Response => {
    const pod = s.pods[Math.floor(rng.next() * s.pods.length)]!;
    let appMs = logNormal(rng, s.latency.medianMs, s.latency.sigma);
    let upstreamFailed = false;
    for (const call of s.calls) {
      if (rng.next() >= call.probability) continue;
      const callee = byName.get(call.service)!;
      const answer = handle(callee);
      const hop: Response = { codeClass: answer.codeClass, latencyMs: answer.latencyMs + overhead() };
      recordUpstream(s, pod, egressCluster(mesh.mesh, callee.service), callee.pods.length, hop);
      recordDownstream(s, pod, 'egress', hop);
      appMs += hop.latencyMs;
      upstreamFailed ||= answer.codeClass === '5';
    }
    const codeClass = upstreamFailed && rng.next() < PROPAGATE_5XX ? '5' : ownResponse(s);
    recordUpstream(s, pod, ingressCluster(mesh.mesh, s.service), IDLE_POOL.localCluster, { codeClass, latencyMs: appMs });
    const seen: Response = { codeClass, latencyMs: appMs + overhead() };
    recordDownstream(s, pod, 'ingress', seen);
    return seen;
  };
  const ownResponse = (s: ServiceModel): ResponseCodeClass => {
    const u = rng.next();
    const { serverError, clientError, redirect } = s.responses;
    if (u < serverError) return '5';
    if (u < serverError + clientError) return '4';
    if (u < serverError + clientError + redirect) return '3';
    return '2';
  };

  const updateMembership = (nowSeconds: number) => {
    for (const s of mesh.services) {
      for (const pod of s.pods) {
        const local = clusterLabels(s, pod, ingressCluster(mesh.mesh, s.service));
        metrics.membershipTotal.set(local, 1);
        metrics.membershipHealthy.set(local, 1);
        for (const call of s.calls) {
          const callee = byName.get(call.service)!;
          const labels = clusterLabels(s, pod, egressCluster(mesh.mesh, callee.service));
          metrics.membershipTotal.set(labels, callee.pods.length);
          metrics.membershipHealthy.set(labels, callee.pods.length - unhealthyEndpoints(callee, nowSeconds));
        }
      }
    }
  };

  const initialise = () => {
    for (const s of mesh.services) {
      for (const pod of s.pods) {
        const prefixes = s.calls.length > 0 ? (['ingress', 'egress'] as const) : (['ingress'] as const);
        const clusters = [
          { name: ingressCluster(mesh.mesh, s.service), idle: IDLE_POOL.localCluster },
          ...s.calls.map((c) => ({ name: egressCluster(mesh.mesh, c.service), idle: byName.get(c.service)!.pods.length })),
        ];
        for (const prefix of prefixes) {
          const labels = listenerLabels(s, pod, prefix);
          metrics.downstreamRqTotal.inc(labels, 0);
          metrics.downstreamCxTotal.inc(labels, 1);
          metrics.downstreamCxActive.set(labels, idleDownstream(s, prefix));
          for (const c of ['2', '3', '4', '5']) metrics.downstreamRqXx.inc({ ...labels, envoy_response_code_class: c }, 0);
        }
        for (const cluster of clusters) {
          const labels = clusterLabels(s, pod, cluster.name);
          metrics.upstreamRqTotal.inc(labels, 0);
          metrics.upstreamCxTotal.inc(labels, cluster.idle);
          metrics.upstreamCxActive.set(labels, cluster.idle);
          for (const c of ['2', '3', '4', '5']) metrics.upstreamRqXx.inc({ ...labels, envoy_response_code_class: c }, 0);
        }
      }
    }
    updateMembership(0);
  };
  initialise();

  const step = (dtSeconds: number, nowSeconds: number) => {
    busyMs = new Map();
    const entry = byName.get(mesh.entry)!;
    const arrivals = poisson(rng, mesh.entryRps * dtSeconds);
    for (let i = 0; i < arrivals; i++) handle(entry);
    for (const { gauge, labels, idle, ms } of busyMs.values()) {
      const inFlight = Math.ceil(ms / (dtSeconds * 1000));
      (gauge === 'downstream' ? metrics.downstreamCxActive : metrics.upstreamCxActive).set(labels, idle + inFlight);
    }
    updateMembership(nowSeconds);
    return arrivals;
  };

  return {
    step,
    start(tickMs = 200) {
      let last = Date.now();
      const timer = setInterval(() => {
        const now = Date.now();
        step((now - last) / 1000, now / 1000);
        last = now;
      }, tickMs);
      return () => clearInterval(timer);
    },
  };
}
