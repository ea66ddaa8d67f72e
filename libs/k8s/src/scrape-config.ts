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
