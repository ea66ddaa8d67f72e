import { parseAllDocuments } from 'yaml';
import { AlloyExpressionText, parseAlloy, type ParsedAlloyBlock } from './alloy-parse.js';
import { ANY, type Relabel } from './relabel.js';

/** How the path to the store names series: as the target exposes them, or the OTLP → Prometheus suffix rules. */
export type StoreNaming = 'as-exposed' | 'with-suffixes';

/** One scrape job of one collector, as its configuration defines it. */
export interface ContractScrapeJob {
  /** Where the job is defined, e.g. `chart adot-metrics ConfigMap adot-metrics-config`. */
  readonly pipeline: string;
  readonly jobName: string;
  /** Kubernetes discovery role; undefined for static targets. */
  readonly role?: string;
  /** Namespaces discovery is limited to; undefined for all. */
  readonly namespaces?: readonly string[];
  readonly honorLabels: boolean;
  readonly metricsPath: string;
  readonly relabel: readonly Relabel[];
  /** Static targets' labels (`__address__` and the discovery labels they carry). */
  readonly staticTargets?: readonly Readonly<Record<string, string>>[];
  readonly naming: StoreNaming;
}

/** A collector configuration run outside the charts (the local preview's collector), as plain data. */
export interface CollectorConfigSource {
  readonly name: string;
  readonly config: unknown;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function relabelOf(r: Obj, unescape: (s: string) => string): Relabel {
  return {
    sourceLabels: Array.isArray(r.source_labels) ? (r.source_labels as string[]) : undefined,
    separator: typeof r.separator === 'string' ? r.separator : undefined,
    regex: typeof r.regex === 'string' ? unescape(r.regex) : r.regex instanceof AlloyExpressionText ? ANY : undefined,
    targetLabel: typeof r.target_label === 'string' ? r.target_label : undefined,
    replacement: typeof r.replacement === 'string' ? unescape(r.replacement) : undefined,
    action: typeof r.action === 'string' ? r.action.toLowerCase() : undefined,
  };
}

/** The prometheusremotewrite exporter's naming as its settings choose it (pinned collector v0.165). */
export function remoteWriteNaming(settings: unknown): StoreNaming {
  const s = isObj(settings) ? settings : {};
  // translation_strategy takes precedence over the deprecated add_metric_suffixes (default true).
  if (typeof s.translation_strategy === 'string' && s.translation_strategy !== '')
    return /WithSuffixes$/.test(s.translation_strategy) ? 'with-suffixes' : 'as-exposed';
  return s.add_metric_suffixes === false ? 'as-exposed' : 'with-suffixes';
}

/**
 * Scrape jobs of an OpenTelemetry collector configuration: each metrics pipeline's prometheus receivers, named
 * the way its prometheusremotewrite exporter names them. Pipelines exporting nowhere else are not a store path.
 */
export function collectorScrapeJobs(config: unknown, pipeline: string): ContractScrapeJob[] {
  if (!isObj(config) || !isObj(config.receivers) || !isObj(config.service) || !isObj(config.service.pipelines)) return [];
  const receivers = config.receivers;
  const exporters = isObj(config.exporters) ? config.exporters : {};
  // The collector expands $VAR in its configuration; $$ is a literal $.
  const unescape = (s: string) => s.replaceAll('$$', '$');
  const out: ContractScrapeJob[] = [];
  for (const [name, p] of Object.entries(config.service.pipelines)) {
    if (!name.startsWith('metrics') || !isObj(p)) continue;
    const remoteWrites = ((p.exporters as string[]) ?? []).filter((e) => e.split('/')[0] === 'prometheusremotewrite');
    if (remoteWrites.length === 0) continue;
    const naming = remoteWriteNaming(exporters[remoteWrites[0]!]);
    for (const r of (p.receivers as string[]) ?? []) {
      if (r.split('/')[0] !== 'prometheus') continue;
      const receiver = receivers[r];
      const scrapeConfigs = isObj(receiver) && isObj(receiver.config) ? receiver.config.scrape_configs : undefined;
      for (const sc of Array.isArray(scrapeConfigs) ? (scrapeConfigs as Obj[]) : []) {
        const sd = Array.isArray(sc.kubernetes_sd_configs) ? (sc.kubernetes_sd_configs[0] as Obj) : undefined;
        const statics = Array.isArray(sc.static_configs) ? (sc.static_configs as Obj[]) : undefined;
        out.push({
          pipeline: `${pipeline} receiver ${r}`,
          jobName: String(sc.job_name),
          role: sd ? String(sd.role) : undefined,
          namespaces: sd && isObj(sd.namespaces) ? (sd.namespaces.names as string[]) : undefined,
          honorLabels: sc.honor_labels === true,
          metricsPath: typeof sc.metrics_path === 'string' ? sc.metrics_path : '/metrics',
          relabel: ((sc.relabel_configs as Obj[]) ?? []).map((x) => relabelOf(x, unescape)),
          staticTargets: statics?.flatMap((s) =>
            ((s.targets as string[]) ?? []).map((address) => ({ ...((s.labels as Record<string, string>) ?? {}), __address__: address })),
          ),
          naming,
        });
      }
    }
  }
  return out;
}

/** Scrape jobs of an Alloy configuration: each prometheus.scrape with its discovery.relabel rules and discovery role. */
export function alloyScrapeJobs(text: string, pipeline: string): ContractScrapeJob[] {
  const blocks = parseAlloy(text);
  const byId = new Map(blocks.map((b) => [`${b.name}.${b.label}`, b]));
  const refTo = (v: unknown) => (v instanceof AlloyExpressionText ? v.text.split('.').slice(0, -1).join('.') : undefined);
  const out: ContractScrapeJob[] = [];
  for (const scrape of blocks.filter((b) => b.name === 'prometheus.scrape')) {
    const relabelBlocks: ParsedAlloyBlock[] = [];
    let source = byId.get(refTo(scrape.attributes.targets) ?? '');
    while (source?.name === 'discovery.relabel') {
      relabelBlocks.unshift(source);
      source = byId.get(refTo(source.attributes.targets) ?? '');
    }
    const namespaces = source?.blocks.find((b) => b.name === 'namespaces')?.attributes.names as string[] | undefined;
    out.push({
      pipeline: `${pipeline} prometheus.scrape "${scrape.label}"`,
      jobName: String(scrape.attributes.job_name ?? `prometheus.scrape.${scrape.label}`),
      role: source?.name === 'discovery.kubernetes' ? String(source.attributes.role) : undefined,
      namespaces,
      honorLabels: scrape.attributes.honor_labels === true,
      metricsPath: typeof scrape.attributes.metrics_path === 'string' ? scrape.attributes.metrics_path : '/metrics',
      relabel: relabelBlocks.flatMap((b) => b.blocks.filter((r) => r.name === 'rule').map((r) => relabelOf(r.attributes, (s) => s))),
      // prometheus.remote_write sends the scraped names as they are.
      naming: 'as-exposed',
    });
  }
  return out;
}

/** A Kubernetes object of the environment's charts. */
export interface ChartObject {
  readonly chart: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly spec?: Obj;
  readonly data?: Record<string, string>;
}

/** Every object of the charts' multi-document YAML. */
export function chartObjects(charts: readonly { name: string; yaml: string }[]): ChartObject[] {
  return charts.flatMap((c) =>
    parseAllDocuments(c.yaml)
      .map((d) => d.toJS() as Obj | null)
      .filter((o): o is Obj => isObj(o) && typeof o.kind === 'string' && isObj(o.metadata))
      .map((o) => ({ ...(o as unknown as ChartObject), chart: c.name })),
  );
}

/** Scrape jobs of every collector the charts configure: ConfigMaps holding collector YAML or Alloy files, and OpenTelemetryCollector resources. */
export function chartScrapeJobs(objects: readonly ChartObject[]): ContractScrapeJob[] {
  const out: ContractScrapeJob[] = [];
  for (const o of objects) {
    const where = `chart ${o.chart} ${o.kind} ${o.metadata.name}`;
    if (o.kind === 'ConfigMap') {
      for (const [file, text] of Object.entries(o.data ?? {})) {
        if (file.endsWith('.alloy')) out.push(...alloyScrapeJobs(text, where));
        else if (/\.ya?ml$/.test(file)) {
          let parsed: unknown;
          try {
            parsed = parseAllDocuments(text)[0]?.toJS();
          } catch {
            continue;
          }
          out.push(...collectorScrapeJobs(parsed, where));
        }
      }
    } else if (o.kind === 'OpenTelemetryCollector' && o.spec) {
      const config = typeof o.spec.config === 'string' ? parseAllDocuments(o.spec.config)[0]?.toJS() : o.spec.config;
      out.push(...collectorScrapeJobs(config, where));
    }
  }
  return out;
}
