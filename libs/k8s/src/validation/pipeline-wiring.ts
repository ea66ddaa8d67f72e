import { parse } from 'yaml';
import { alloyOtlpPorts, checkAlloyText } from './alloy-references.js';
import { checkCollectorConfig, isCollectorConfig, listeningPorts, type ListeningPort } from './collector-config.js';
import type { KubeObject, Manifest, ManifestIssue } from './manifest.js';

interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
}
interface Container {
  readonly name: string;
  readonly ports?: readonly ContainerPort[];
  readonly env?: readonly { readonly name: string; readonly value?: string }[];
  readonly livenessProbe?: { readonly httpGet?: { readonly port?: number | string } };
  readonly readinessProbe?: { readonly httpGet?: { readonly port?: number | string } };
}
interface PodTemplate {
  readonly metadata?: { readonly labels?: Record<string, string> };
  readonly spec?: {
    readonly containers?: readonly Container[];
    readonly volumes?: readonly { readonly name: string; readonly configMap?: { readonly name: string } }[];
  };
}
interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: number | string;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);
const ns = (o: KubeObject) => o.metadata?.namespace ?? 'default';
const template = (o: KubeObject) => ((o.spec as { template?: PodTemplate } | undefined)?.template ?? {}) as PodTemplate;
const servicePorts = (o: KubeObject) => ((o.spec as { ports?: ServicePort[] } | undefined)?.ports ?? []) as ServicePort[];
const serviceSelector = (o: KubeObject) =>
  ((o.spec as { selector?: Record<string, string> } | undefined)?.selector ?? {}) as Record<string, string>;

/** Services in the workload's namespace whose selector matches its pod labels. */
function servicesOf(workload: KubeObject, all: readonly Manifest[]): Manifest[] {
  const labels = template(workload).metadata?.labels ?? {};
  return all.filter((m) => {
    if (m.object.kind !== 'Service' || ns(m.object) !== ns(workload)) return false;
    const selector = Object.entries(serviceSelector(m.object));
    return selector.length > 0 && selector.every(([k, v]) => labels[k] === v);
  });
}

/** A Service port's target as a container port number (resolving named target ports). */
function targetNumber(port: ServicePort, containers: readonly Container[]): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  return containers.flatMap((c) => c.ports ?? []).find((p) => p.name === target)?.containerPort;
}

interface CollectorInstance {
  readonly source: Manifest;
  readonly fieldPrefix: string;
  readonly receiverPorts: readonly number[];
  readonly workloads: readonly Manifest[];
}

/** Checks a collector's (or Alloy's) listening ports against its workloads' containers and Services. */
function checkPorts(instance: CollectorInstance, ports: readonly ListeningPort[], all: readonly Manifest[], issues: ManifestIssue[]): void {
  for (const workload of instance.workloads) {
    const containers = template(workload.object).spec?.containers ?? [];
    const containerPorts = new Set(containers.flatMap((c) => (c.ports ?? []).map((p) => p.containerPort)));
    const services = servicesOf(workload.object, all);
    for (const lp of ports) {
      if (!containerPorts.has(lp.port)) {
        issues.push({
          manifest: instance.source,
          field: `${instance.fieldPrefix}${lp.path}`,
          message: `port ${lp.port} is not a container port of ${workload.object.kind} ${workload.object.metadata?.name}`,
        });
      }
      if (lp.purpose === 'receiver') {
        const exposed = services.some((s) => servicePorts(s.object).some((p) => targetNumber(p, containers) === lp.port));
        if (!exposed)
          issues.push({
            manifest: instance.source,
            field: `${instance.fieldPrefix}${lp.path}`,
            message: `receiver port ${lp.port} is not exposed by any Service selecting ${workload.object.kind} ${workload.object.metadata?.name}`,
          });
      }
      if (lp.purpose === 'health') {
        for (const c of containers) {
          for (const probe of [c.livenessProbe, c.readinessProbe]) {
            const port = probe?.httpGet?.port;
            if (port !== undefined && port !== lp.port) {
              issues.push({
                manifest: workload,
                field: `spec.template.spec.containers[${containers.indexOf(c)}]`,
                message: `probe port ${port} differs from the health_check port ${lp.port}`,
              });
            }
          }
        }
      }
    }
    for (const svc of services) {
      servicePorts(svc.object).forEach((p, i) => {
        const target = targetNumber(p, containers);
        if (target === undefined || !containerPorts.has(target)) {
          issues.push({
            manifest: svc,
            field: `spec.ports[${i}].targetPort`,
            message: `target ${String(p.targetPort ?? p.port)} is not a container port of ${workload.object.kind} ${workload.object.metadata?.name}`,
          });
        }
      });
    }
  }
}

function workloadsMounting(configMap: Manifest, all: readonly Manifest[]): Manifest[] {
  return all.filter(
    (m) =>
      WORKLOAD_KINDS.has(m.object.kind) &&
      ns(m.object) === ns(configMap.object) &&
      (template(m.object).spec?.volumes ?? []).some((v) => v.configMap?.name === configMap.object.metadata?.name),
  );
}

/**
 * Collector configurations (ConfigMaps and OpenTelemetryCollector resources) and Alloy configurations checked
 * structurally and against the Services in front of them; OTLP endpoints in containers' environment must resolve
 * to a Service port, and to a receiver when that Service fronts a collector.
 */
export function checkPipelineWiring(all: readonly Manifest[]): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const receiverPortsByWorkload = new Map<KubeObject, Set<number>>();

  for (const m of all) {
    if (m.object.kind === 'ConfigMap') {
      const data = (m.object.data ?? {}) as Record<string, string>;
      for (const [key, text] of Object.entries(data)) {
        const fieldPrefix = `data.${key}: `;
        if (key.endsWith('.alloy')) {
          for (const message of checkAlloyText(text)) issues.push({ manifest: m, field: `data.${key}`, message });
          const ports: ListeningPort[] = alloyOtlpPorts(text).map((port) => ({
            port,
            path: 'otelcol.receiver.otlp endpoint',
            purpose: 'receiver',
          }));
          const workloads = workloadsMounting(m, all);
          checkPorts({ source: m, fieldPrefix, receiverPorts: ports.map((p) => p.port), workloads }, ports, all, issues);
          for (const w of workloads) receiverPortsByWorkload.set(w.object, new Set(ports.map((p) => p.port)));
          continue;
        }
        if (!/\.ya?ml$/.test(key)) continue;
        let config: unknown;
        try {
          config = parse(text);
        } catch {
          continue;
        }
        if (!isCollectorConfig(config)) continue;
        for (const issue of checkCollectorConfig(config))
          issues.push({ manifest: m, field: `${fieldPrefix}${issue.path}`, message: issue.message });
        const ports = listeningPorts(config);
        const workloads = workloadsMounting(m, all);
        if (workloads.length === 0)
          issues.push({
            manifest: m,
            field: `data.${key}`,
            message: 'collector configuration is not mounted by any Deployment, DaemonSet or StatefulSet',
          });
        checkPorts({ source: m, fieldPrefix, receiverPorts: [], workloads }, ports, all, issues);
        const receivers = new Set(ports.filter((p) => p.purpose === 'receiver').map((p) => p.port));
        for (const w of workloads) receiverPortsByWorkload.set(w.object, receivers);
      }
    } else if (m.object.kind === 'OpenTelemetryCollector') {
      const config = (m.object.spec as { config?: unknown } | undefined)?.config;
      for (const issue of checkCollectorConfig(config))
        issues.push({ manifest: m, field: `spec.config.${issue.path}`.replace(/\.$/, ''), message: issue.message });
    }
  }

  checkOtlpEndpoints(all, receiverPortsByWorkload, issues);
  return issues;
}

const OTLP_ENV = /^OTEL_EXPORTER_OTLP(_TRACES|_METRICS|_LOGS)?_ENDPOINT$/;

/** `svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local` → Service name and namespace. */
function parseServiceHost(host: string, defaultNamespace: string): { name: string; namespace: string } | undefined {
  const parts = host.split('.');
  if (parts.length === 1) return { name: parts[0]!, namespace: defaultNamespace };
  if (parts.length === 2 || (parts.length >= 3 && parts[2] === 'svc')) return { name: parts[0]!, namespace: parts[1]! };
  return undefined;
}

function checkOtlpEndpoints(
  all: readonly Manifest[],
  receiverPortsByWorkload: Map<KubeObject, Set<number>>,
  issues: ManifestIssue[],
): void {
  for (const m of all) {
    if (!WORKLOAD_KINDS.has(m.object.kind)) continue;
    const containers = template(m.object).spec?.containers ?? [];
    containers.forEach((c, ci) => {
      (c.env ?? []).forEach((e, ei) => {
        if (!OTLP_ENV.test(e.name) || !e.value) return;
        const field = `spec.template.spec.containers[${ci}].env[${ei}].value`;
        const match = /^(?:[a-z]+:\/\/)?([^:/]+):(\d+)\/?/.exec(e.value);
        if (!match) return issues.push({ manifest: m, field, message: `${e.name} ${JSON.stringify(e.value)} has no host:port` });
        const [, host, portText] = match;
        const port = Number(portText);
        const target = parseServiceHost(host!, ns(m.object));
        if (!target) return undefined; // an external host; nothing in the charts to check against
        const service = all.find(
          (s) => s.object.kind === 'Service' && s.object.metadata?.name === target.name && ns(s.object) === target.namespace,
        );
        if (!service)
          return issues.push({
            manifest: m,
            field,
            message: `${e.name} points at Service ${target.namespace}/${target.name}, which no chart defines`,
          });
        const servicePort = servicePorts(service.object).find((p) => p.port === port);
        if (!servicePort) {
          return issues.push({
            manifest: m,
            field,
            message: `${e.name} uses port ${port}, but Service ${target.namespace}/${target.name} exposes only ${
              servicePorts(service.object)
                .map((p) => p.port)
                .join(', ') || 'no ports'
            }`,
          });
        }
        for (const [workload, receiverPorts] of receiverPortsByWorkload) {
          if (!servicesOf(workload, all).includes(service)) continue;
          const podContainers = template(workload).spec?.containers ?? [];
          const targetPort = targetNumber(servicePort, podContainers);
          if (targetPort === undefined || !receiverPorts.has(targetPort)) {
            issues.push({
              manifest: m,
              field,
              message: `${e.name} reaches ${workload.kind} ${workload.metadata?.name} on port ${String(targetPort)}, where no OTLP receiver listens`,
            });
          }
        }
        return undefined;
      });
    });
  }
}
