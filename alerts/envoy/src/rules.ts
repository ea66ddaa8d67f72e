import { areaAlertSet } from '@o11y/alerting';
import { defaultEnvoyConfig, envoyQueries as q, type EnvoyConfig } from '@o11y/dashboard-envoy';
import { withOverrides, type DeepPartial, type AlertRuleDefinition, type AlertSet, type PromQLAlertQuery } from '@o11y/environment';

/** The recipe's alert: the p90 of downstream request time above 5 ms for one minute. */
export const downstreamLatencyHigh = (c: EnvoyConfig): AlertRuleDefinition => {
  const p = q.latencyLabel(c);
  return {
    name: 'EnvoyDownstreamLatencyHigh',
    uid: 'envoy-downstream-latency-high',
    query: promql(c, q.downstreamLatency(c, c.downstreamLatency.quantile, q.alertScope(c, c.downstreamLatency.window))),
    threshold: { op: 'gt', value: c.downstreamLatency.thresholdMs },
    for: c.downstreamLatency.for,
    severity: c.downstreamLatency.severity,
    summary: `Envoy downstream ${p} latency is above ${c.downstreamLatency.thresholdMs} ms.`,
    description: (v) =>
      `${p} latency of requests to {{ $labels.${c.namespaceLabel} }}/{{ $labels.${c.serviceLabel} }} is {{ printf "%.1f" ${v} }} ms, above ${c.downstreamLatency.thresholdMs} ms for ${c.downstreamLatency.for}.`,
    runbookUrl: c.runbookUrl('EnvoyDownstreamLatencyHigh'),
    panel: { dashboard: c.uid, panel: 'Downstream latency' },
    // No traffic or no Envoy series is not a latency problem; the pipeline alerts report missing scrapes.
    noDataState: 'OK',
    execErrState: 'Error',
  };
};

export const downstream5xxRatioHigh = (c: EnvoyConfig): AlertRuleDefinition => ({
  name: 'EnvoyDownstream5xxRatioHigh',
  uid: 'envoy-downstream-5xx-ratio-high',
  query: promql(c, q.downstream5xxRatio(c, q.alertScope(c, c.downstream5xxRatio.window))),
  threshold: { op: 'gt', value: c.downstream5xxRatio.threshold },
  for: c.downstream5xxRatio.for,
  severity: c.downstream5xxRatio.severity,
  summary: `More than ${c.downstream5xxRatio.threshold * 100}% of Envoy downstream requests fail with 5xx.`,
  description: (v) =>
    `{{ humanizePercentage ${v} }} of requests to {{ $labels.${c.namespaceLabel} }}/{{ $labels.${c.serviceLabel} }} were answered with a 5xx over the last ${c.downstream5xxRatio.window}.`,
  runbookUrl: c.runbookUrl('EnvoyDownstream5xxRatioHigh'),
  panel: { dashboard: c.uid, panel: 'Success rate' },
  noDataState: 'OK',
  execErrState: 'Error',
});

export const noHealthyUpstream = (c: EnvoyConfig): AlertRuleDefinition => ({
  name: 'EnvoyNoHealthyUpstream',
  uid: 'envoy-no-healthy-upstream',
  query: promql(c, q.healthyUpstreamMembers(c, q.alertScope(c))),
  threshold: { op: 'lt', value: 1 },
  for: c.noHealthyUpstream.for,
  severity: c.noHealthyUpstream.severity,
  summary: 'An Envoy upstream cluster has no healthy endpoint.',
  description: `Upstream cluster {{ $labels.${c.clusterLabel} }} of {{ $labels.${c.namespaceLabel} }}/{{ $labels.${c.serviceLabel} }} has members but none is healthy: every request to it fails.`,
  runbookUrl: c.runbookUrl('EnvoyNoHealthyUpstream'),
  panel: { dashboard: c.uid, panel: 'Endpoint health' },
  noDataState: 'OK',
  execErrState: 'Error',
});

const promql = (c: EnvoyConfig, expr: string): PromQLAlertQuery => ({ kind: 'promql', datasource: c.datasource, expr });

/**
 * Envoy alerts for App Mesh sidecars as the `appmesh-envoy` job scrapes them (and any Envoy whose /stats/prometheus
 * carries namespace and service labels and whose inbound HTTP connection manager is `inboundConnectionManager`).
 * Not Istio as installed: its default proxy stats keep only istio_* and a few server stats, without these series.
 */
export function envoyAlerts(overrides: DeepPartial<EnvoyConfig> = {}): AlertSet {
  const c = withOverrides(defaultEnvoyConfig, overrides);
  return areaAlertSet(c, {
    name: 'envoy',
    source: import.meta.filename,
    groups: [
      {
        name: 'envoy-downstream',
        rules: [downstreamLatencyHigh(c), downstream5xxRatioHigh(c)],
      },
      { name: 'envoy-upstream', rules: [noHealthyUpstream(c)] },
    ],
  });
}
