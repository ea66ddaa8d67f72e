import { exposedSeriesNames, type Catalogue } from './catalogue.js';
import { storedName } from './naming.js';
import { ANY, type LabelValue } from './relabel.js';
import type { ScrapedTarget } from './targets.js';

/** Series one source stores under one name: fixed label values where the pipeline fixes them. */
export interface ProducedSeries {
  readonly name: string;
  /** Label names the series carry, with their value when fixed. */
  readonly labels: ReadonlyMap<string, LabelValue>;
  /** Any label may be present (recording rules keep whatever their expression keeps). */
  readonly openLabels?: boolean;
  /** For messages: `<component> via job <job>` or `recording rule`. */
  readonly from: string;
  /** The name the target exposes, when the store path renames it. */
  readonly exposedAs?: string;
}

// Series every scrape writes per target, besides what the target exposes.
const SCRAPE_SERIES = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
];

/** kube-state-metrics' chart arguments that change its catalogue: enabled resources and the label allowlist. */
export interface KubeStateMetricsArgs {
  readonly resources?: ReadonlySet<string>;
  /** resource (plural) -> Kubernetes label names exported as `label_<name>` on kube_<resource>_labels. */
  readonly labelsAllowlist: ReadonlyMap<string, readonly string[]>;
}

export function kubeStateMetricsArgs(args: readonly string[]): KubeStateMetricsArgs {
  const get = (flag: string) => args.find((a) => a.startsWith(`--${flag}=`))?.slice(flag.length + 3);
  const resources = get('resources');
  const allowlist = new Map<string, string[]>();
  // nodes=[eks.amazonaws.com/nodegroup,foo],pods=[app]
  for (const m of (get('metric-labels-allowlist') ?? '').matchAll(/([a-z]+)=\[([^\]]*)\]/g))
    allowlist.set(m[1]!, m[2]!.split(',').filter(Boolean));
  return { resources: resources ? new Set(resources.split(',')) : undefined, labelsAllowlist: allowlist };
}

const singular = (resource: string) => resource.replace(/s$/, '');

/** Every series the targets produce in the store, after the path's naming rules. */
export function producedSeries(
  targets: readonly ScrapedTarget[],
  catalogues: ReadonlyMap<string, Catalogue>,
  ksm: KubeStateMetricsArgs = { labelsAllowlist: new Map() },
): ProducedSeries[] {
  const out: ProducedSeries[] = [];
  for (const t of targets) {
    const from = `${t.component} via job ${t.job.jobName}`;
    for (const name of SCRAPE_SERIES) out.push({ name, labels: t.labels, from });
    const catalogue = catalogues.get(t.component);
    if (!catalogue) continue;
    for (const [family, m] of Object.entries(catalogue.metrics)) {
      if (t.component === 'kube-state-metrics' && m.resource && ksm.resources && !ksm.resources.has(m.resource)) continue;
      let metricLabels = [...m.labels];
      if (t.component === 'kube-state-metrics' && m.resource && family === `kube_${singular(m.resource)}_labels`)
        metricLabels = [
          ...metricLabels,
          ...(ksm.labelsAllowlist.get(m.resource) ?? []).map((l) => `label_${l.replace(/[^a-zA-Z0-9_]/g, '_')}`),
        ];
      const stored = storedName(family, m.type, t.job.naming);
      for (const s of exposedSeriesNames(stored, m.type)) {
        const labels = new Map<string, LabelValue>(t.labels);
        for (const l of [...metricLabels, ...(s.extraLabel ? [s.extraLabel] : [])]) {
          // honor_labels keeps the exposed label; otherwise the exposed one is renamed exported_<label>.
          if (labels.has(l) && !t.job.honorLabels) labels.set(`exported_${l}`, ANY);
          else labels.set(l, ANY);
        }
        const exposed = exposedSeriesNames(family, m.type).find(
          (e) => e.extraLabel === s.extraLabel && s.name.endsWith(e.name.slice(family.length)),
        );
        out.push({ name: s.name, labels, from, exposedAs: stored !== family ? exposed?.name : undefined });
      }
    }
  }
  return out;
}
