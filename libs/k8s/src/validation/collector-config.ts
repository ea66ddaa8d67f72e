/** A problem inside one configuration, located by a dotted path such as `service.pipelines.metrics.exporters[1]`. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Component types removed from the collector: a config naming them makes the collector exit at start. */
const REMOVED_COMPONENTS: Readonly<Record<string, string>> = {
  logging: 'the logging exporter was removed (ADOT v0.42); use debug',
  awsprometheusremotewrite: 'awsprometheusremotewrite was removed; use prometheusremotewrite with the sigv4auth extension',
};

const componentType = (id: string) => id.split('/')[0]!;

/** True when a parsed YAML/JSON value looks like an OpenTelemetry collector configuration. */
export function isCollectorConfig(value: unknown): value is Json {
  return isObject(value) && isObject(value.service) && 'pipelines' in value.service;
}

/**
 * Structural checks of an OpenTelemetry collector configuration: every pipeline names receivers, processors
 * and exporters that are defined, enabled extensions exist, authenticators point at enabled extensions,
 * no removed component is used, and health_check listens beyond localhost.
 */
export function checkCollectorConfig(config: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!isObject(config)) return [{ path: '', message: 'collector configuration must be a mapping' }];
  const section = (name: string): Json => (isObject(config[name]) ? (config[name] as Json) : {});
  const receivers = section('receivers');
  const processors = section('processors');
  const exporters = section('exporters');
  const extensions = section('extensions');
  const connectors = section('connectors');
  const service = section('service');
  const pipelines = isObject(service.pipelines) ? service.pipelines : {};

  for (const [kind, defined] of [
    ['receivers', receivers],
    ['processors', processors],
    ['exporters', exporters],
    ['extensions', extensions],
  ] as const) {
    for (const id of Object.keys(defined)) {
      const removed = REMOVED_COMPONENTS[componentType(id)];
      if (removed) issues.push({ path: `${kind}.${id}`, message: removed });
    }
  }
  if (Object.keys(pipelines).length === 0) issues.push({ path: 'service.pipelines', message: 'no pipeline is defined' });

  const enabledExtensions = Array.isArray(service.extensions) ? (service.extensions as unknown[]) : [];
  enabledExtensions.forEach((id, i) => {
    if (typeof id !== 'string' || !(id in extensions)) {
      issues.push({ path: `service.extensions[${i}]`, message: `extension ${JSON.stringify(id)} is not defined under extensions` });
    }
  });

  for (const [name, raw] of Object.entries(pipelines)) {
    const base = `service.pipelines.${name}`;
    if (!/^(traces|metrics|logs)(\/[\w.-]+)?$/.test(name))
      issues.push({ path: base, message: 'pipeline name must be traces, metrics or logs, optionally followed by /name' });
    if (!isObject(raw)) {
      issues.push({ path: base, message: 'pipeline must be a mapping' });
      continue;
    }
    const refs = (field: 'receivers' | 'processors' | 'exporters', defined: Json, required: boolean) => {
      const list = raw[field];
      if (list === undefined) {
        if (required) issues.push({ path: `${base}.${field}`, message: `a pipeline needs at least one of ${field}` });
        return;
      }
      if (!Array.isArray(list)) return issues.push({ path: `${base}.${field}`, message: 'must be a list of component ids' });
      if (required && list.length === 0) issues.push({ path: `${base}.${field}`, message: `a pipeline needs at least one of ${field}` });
      list.forEach((id: unknown, i) => {
        const usable = typeof id === 'string' && (id in defined || (field !== 'processors' && id in connectors));
        if (!usable)
          issues.push({
            path: `${base}.${field}[${i}]`,
            message: `${field.slice(0, -1)} ${JSON.stringify(id)} is not defined under ${field}`,
          });
      });
      return undefined;
    };
    refs('receivers', receivers, true);
    refs('processors', processors, false);
    refs('exporters', exporters, true);
  }

  for (const [kind, defined] of [
    ['exporters', exporters],
    ['receivers', receivers],
  ] as const) {
    for (const [id, settings] of Object.entries(defined)) {
      const auth = isObject(settings) && isObject(settings.auth) ? settings.auth.authenticator : undefined;
      if (auth === undefined) continue;
      if (typeof auth !== 'string' || !(auth in extensions))
        issues.push({
          path: `${kind}.${id}.auth.authenticator`,
          message: `authenticator ${JSON.stringify(auth)} is not defined under extensions`,
        });
      else if (!enabledExtensions.includes(auth))
        issues.push({
          path: `${kind}.${id}.auth.authenticator`,
          message: `authenticator ${JSON.stringify(auth)} is defined but not enabled in service.extensions`,
        });
    }
  }

  for (const [id, settings] of Object.entries(extensions)) {
    if (componentType(id) !== 'health_check') continue;
    const endpoint = isObject(settings) ? settings.endpoint : undefined;
    if (typeof endpoint !== 'string' || /^(localhost|127\.0\.0\.1)?:/.test(endpoint) || endpoint.startsWith('localhost')) {
      issues.push({
        path: `extensions.${id}.endpoint`,
        message: 'health_check must listen on 0.0.0.0 or the pod IP, otherwise kubelet probes fail (the default is localhost)',
      });
    }
  }
  return issues;
}

/** A network port the collector listens on, and where in the configuration it is set. */
export interface ListeningPort {
  readonly port: number;
  readonly path: string;
  readonly purpose: 'receiver' | 'health' | 'telemetry';
}

/** Port of an `host:port` endpoint, or undefined. */
export function endpointPort(endpoint: unknown): number | undefined {
  if (typeof endpoint !== 'string') return undefined;
  const m = /:(\d+)$/.exec(endpoint);
  return m ? Number(m[1]) : undefined;
}

/** Ports the configuration listens on: receiver protocol endpoints, health_check and self-telemetry. */
export function listeningPorts(config: unknown): ListeningPort[] {
  if (!isObject(config)) return [];
  const out: ListeningPort[] = [];
  const receivers = isObject(config.receivers) ? config.receivers : {};
  for (const [id, settings] of Object.entries(receivers)) {
    if (!isObject(settings)) continue;
    const direct = endpointPort(settings.endpoint);
    if (direct !== undefined) out.push({ port: direct, path: `receivers.${id}.endpoint`, purpose: 'receiver' });
    const protocols = isObject(settings.protocols) ? settings.protocols : {};
    for (const [proto, p] of Object.entries(protocols)) {
      const port = isObject(p) ? endpointPort(p.endpoint) : undefined;
      if (port !== undefined) out.push({ port, path: `receivers.${id}.protocols.${proto}.endpoint`, purpose: 'receiver' });
    }
  }
  const extensions = isObject(config.extensions) ? config.extensions : {};
  for (const [id, settings] of Object.entries(extensions)) {
    const port = componentType(id) === 'health_check' && isObject(settings) ? endpointPort(settings.endpoint) : undefined;
    if (port !== undefined) out.push({ port, path: `extensions.${id}.endpoint`, purpose: 'health' });
  }
  const service = isObject(config.service) ? config.service : {};
  const readers = isObject(service.telemetry) && isObject(service.telemetry.metrics) ? service.telemetry.metrics.readers : undefined;
  if (Array.isArray(readers)) {
    readers.forEach((r: unknown, i) => {
      const port = (r as { pull?: { exporter?: { prometheus?: { port?: unknown } } } })?.pull?.exporter?.prometheus?.port;
      if (typeof port === 'number')
        out.push({ port, path: `service.telemetry.metrics.readers[${i}].pull.exporter.prometheus.port`, purpose: 'telemetry' });
    });
  }
  return out;
}
