/**
 * Upstream Helm charts the LGTM stack's Argo CD Applications point at (https://grafana.github.io/helm-charts).
 * Bumping one needs helm-values/<chart>-<version>.json re-vendored (scripts/helm-value-paths.ts checks a new values.yaml).
 */
export const HELM_CHARTS = {
  repoURL: 'https://grafana.github.io/helm-charts',
  loki: { chart: 'loki', version: '6.46.0' },
  mimir: { chart: 'mimir-distributed', version: '6.0.6' },
  tempo: { chart: 'tempo', version: '1.24.0' },
  tempoDistributed: { chart: 'tempo-distributed', version: '1.57.0' },
  grafana: { chart: 'grafana', version: '10.1.4' },
} as const;
