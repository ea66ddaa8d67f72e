/**
 * A typed Prometheus scrape job with Kubernetes service discovery. The same model renders to the
 * OpenTelemetry prometheus receiver (Prometheus YAML) and to Grafana Alloy components, so ADOT and
 * Alloy scrape with identical relabelling.
 */

export type RelabelAction =
  'replace' | 'keep' | 'drop' | 'labelmap' | 'labeldrop' | 'labelkeep' | 'hashmod' | 'keepequal' | 'dropequal' | 'lowercase' | 'uppercase';

export interface RelabelRule {
  readonly sourceLabels?: readonly string[];
  /** @default ';' */
  readonly separator?: string;
  /** @default '(.*)' */
  readonly regex?: string;
  readonly targetLabel?: string;
  /** @default '$1' */
  readonly replacement?: string;
  /** @default 'replace' */
  readonly action?: RelabelAction;
}

export type KubernetesRole = 'pod' | 'endpoints' | 'endpointslice' | 'service' | 'node';

export interface ScrapeJob {
  readonly jobName: string;
  readonly role: KubernetesRole;
  /** @default - all namespaces */
  readonly namespaces?: readonly string[];
  /** @default '/metrics' */
  readonly metricsPath?: string;
  /** @default 'http' */
  readonly scheme?: 'http' | 'https';
  /** Keep the target's own labels on conflict (kube-state-metrics exports `namespace`, `pod`). @default false */
  readonly honorLabels?: boolean;
  /** @default - the global scrape interval */
  readonly scrapeInterval?: string;
  readonly relabel: readonly RelabelRule[];
  readonly metricRelabel?: readonly RelabelRule[];
}

/** Global scrape settings shared by every job of one collector. */
export interface ScrapeGlobals {
  /** @default '15s' */
  readonly scrapeInterval?: string;
  /** @default '10s' */
  readonly scrapeTimeout?: string;
}

function relabelToPrometheus(rule: RelabelRule, escape: (s: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (rule.sourceLabels) out.source_labels = [...rule.sourceLabels];
  if (rule.separator !== undefined) out.separator = rule.separator;
  if (rule.regex !== undefined) out.regex = rule.regex;
  if (rule.targetLabel !== undefined) out.target_label = rule.targetLabel;
  if (rule.replacement !== undefined) out.replacement = escape(rule.replacement);
  out.action = rule.action ?? 'replace';
  return out;
}

/**
 * The Prometheus `scrape_configs` entry for a job. `escapeDollars` doubles `$` because the OpenTelemetry
 * collector expands `$VAR` in its configuration and would otherwise turn `$1` into an empty string.
 */
export function toPrometheusScrapeConfig(job: ScrapeJob, options: { escapeDollars: boolean }): Record<string, unknown> {
  const escape = options.escapeDollars ? (s: string) => s.replaceAll('$', '$$$$') : (s: string) => s;
  const sd: Record<string, unknown> = { role: job.role };
  if (job.namespaces) sd.namespaces = { names: [...job.namespaces] };
  const out: Record<string, unknown> = { job_name: job.jobName };
  if (job.scrapeInterval) out.scrape_interval = job.scrapeInterval;
  if (job.honorLabels) out.honor_labels = true;
  out.metrics_path = job.metricsPath ?? '/metrics';
  out.scheme = job.scheme ?? 'http';
  out.kubernetes_sd_configs = [sd];
  out.relabel_configs = job.relabel.map((r) => relabelToPrometheus(r, escape));
  if (job.metricRelabel?.length) out.metric_relabel_configs = job.metricRelabel.map((r) => relabelToPrometheus(r, escape));
  return out;
}

/** The prometheus receiver's `config` block: globals plus every job. */
export function toPrometheusConfig(jobs: readonly ScrapeJob[], globals: ScrapeGlobals = {}): Record<string, unknown> {
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.jobName)) throw new Error(`scrape job ${JSON.stringify(job.jobName)} is defined twice`);
    names.add(job.jobName);
  }
  return {
    global: { scrape_interval: globals.scrapeInterval ?? '15s', scrape_timeout: globals.scrapeTimeout ?? '10s' },
    scrape_configs: jobs.map((j) => toPrometheusScrapeConfig(j, { escapeDollars: true })),
  };
}

/** What Kubernetes discovery would have told about a target, for running a job against a fixed address. */
export interface DiscoveredTarget {
  /** host:port actually scraped. */
  readonly address: string;
  readonly namespace?: string;
  readonly podName?: string;
  readonly podIp?: string;
  readonly hostIp?: string;
  readonly nodeName?: string;
  readonly containerName?: string;
  readonly containerPortName?: string;
  readonly podLabels?: Readonly<Record<string, string>>;
  readonly serviceName?: string;
  readonly serviceAnnotations?: Readonly<Record<string, string>>;
}

/** Turns a Kubernetes label or annotation name into its service-discovery meta label suffix. */
export function metaLabelName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** The `__meta_kubernetes_*` labels Kubernetes service discovery would attach to the target. */
export function discoveryLabels(target: DiscoveredTarget): Record<string, string> {
  const labels: Record<string, string> = {};
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) labels[`__meta_kubernetes_${name}`] = value;
  };
  set('namespace', target.namespace);
  set('pod_name', target.podName);
  set('pod_ip', target.podIp);
  set('pod_host_ip', target.hostIp);
  set('pod_node_name', target.nodeName);
  set('pod_container_name', target.containerName);
  set('pod_container_port_name', target.containerPortName);
  for (const [k, v] of Object.entries(target.podLabels ?? {})) set(`pod_label_${metaLabelName(k)}`, v);
  set('service_name', target.serviceName);
  for (const [k, v] of Object.entries(target.serviceAnnotations ?? {})) set(`service_annotation_${metaLabelName(k)}`, v);
  return labels;
}

/**
 * A job's scrape config with fixed targets in place of Kubernetes discovery (a local run of the chart's
 * pipeline): the targets carry the discovery labels, so the job's own relabelling runs unchanged, except rules
 * that rewrite `__address__`, because the fixed address is already the one to scrape.
 */
export function toStaticScrapeConfig(
  job: ScrapeJob,
  targets: readonly DiscoveredTarget[],
  options: { escapeDollars: boolean },
): Record<string, unknown> {
  const { kubernetes_sd_configs: _discovery, ...rest } = toPrometheusScrapeConfig(
    { ...job, relabel: job.relabel.filter((r) => r.targetLabel !== '__address__') },
    options,
  );
  return { ...rest, static_configs: targets.map((t) => ({ targets: [t.address], labels: discoveryLabels(t) })) };
}
