import { datasourceOfTarget, queryPanels, type DashboardJson, type DatasourceJson } from './dashboard-model.js';

/** A panel the preview cannot feed: it stays empty locally, and the data check skips it. */
export interface NoLocalSourcePanel {
  readonly dashboardUid: string;
  readonly dashboardTitle: string;
  readonly panelId: number;
  readonly title: string;
  readonly reason: string;
}

/** Metrics only a Kubernetes cluster produces, found by name in a panel's PromQL. */
const CLUSTER_ONLY_METRICS: readonly { readonly pattern: RegExp; readonly reason: string }[] = [
  { pattern: /\bkube_[a-zA-Z0-9_:]+/, reason: 'kube-state-metrics objects (needs a Kubernetes cluster)' },
  { pattern: /\bkubelet_[a-zA-Z0-9_:]+/, reason: 'kubelet metrics (needs a Kubernetes cluster)' },
];

/** PromQL without its string literals, so label values never look like metric names. */
const withoutStrings = (expr: string) => expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');

/**
 * Panels without a local source: those on a non-Prometheus data source (X-Ray needs AWS) and those
 * querying cluster-only metrics. Derived from the dashboards, so a new such panel is listed by itself.
 */
export function panelsWithoutLocalSource(
  dashboards: readonly DashboardJson[],
  datasources: readonly DatasourceJson[],
): NoLocalSourcePanel[] {
  const out: NoLocalSourcePanel[] = [];
  for (const d of dashboards) {
    for (const panel of queryPanels(d)) {
      const reason = reasonWithoutSource(d, panel, datasources);
      if (reason) out.push({ dashboardUid: d.uid, dashboardTitle: d.title, panelId: panel.id, title: panel.title, reason });
    }
  }
  return out;
}

function reasonWithoutSource(
  d: DashboardJson,
  panel: ReturnType<typeof queryPanels>[number],
  datasources: readonly DatasourceJson[],
): string | undefined {
  for (const target of panel.targets) {
    const ds = datasourceOfTarget(d, panel, target, datasources);
    if (ds?.type !== 'prometheus')
      return `${ds ? `${ds.name} data source (${ds.type})` : 'a data source missing from the environment'}: the preview runs only Prometheus`;
  }
  const exprs = panel.targets.map((t) => withoutStrings(String(t.expr ?? ''))).join('\n');
  return CLUSTER_ONLY_METRICS.find((m) => m.pattern.test(exprs))?.reason;
}

/** One line per dashboard and reason, naming the panels (or "every panel"), for printing once. */
export function describeNoLocalSource(panels: readonly NoLocalSourcePanel[], dashboards: readonly DashboardJson[]): string[] {
  const groups = new Map<string, NoLocalSourcePanel[]>();
  for (const p of panels) {
    const key = `${p.dashboardUid}\u0000${p.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const dashboard = dashboards.find((d) => d.uid === first.dashboardUid);
    const whole = dashboard !== undefined && queryPanels(dashboard).length === group.length;
    const names = whole ? `every panel (${group.length})` : group.map((p) => `"${p.title}"`).join(', ');
    return `${first.dashboardTitle} (${first.dashboardUid}): ${names}: ${first.reason}`;
  });
}
