import { TypeMathBuilder, TypeReduceBuilder } from '@grafana/grafana-foundation-sdk/expr';
import { areaAlertSet, EXPRESSION_DATASOURCE } from '@o11y/alerting';
import { defaultXRayConfig, xrayQueries as q, type XRayConfig } from '@o11y/dashboard-xray';
import { withOverrides, type DeepPartial, type AlertRuleDefinition, type AlertSet } from '@o11y/environment';
import { XRayStatisticColumns as Column, type XRayStatisticColumn } from '@o11y/xray-query';

/** "downstream-0" -> "Downstream0": alert names are UpperCamelCase. */
const pascal = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Fault rate of one X-Ray service: faults and requests summed over the window (A, B -> C, D), divided (E),
 * compared with the threshold. Grafana-managed only: no Prometheus ruler can query X-Ray.
 */
export const xrayFaultRateHigh = (c: XRayConfig, service: string): AlertRuleDefinition => {
  const statistic = (refId: string, column: XRayStatisticColumn) => ({
    refId,
    datasource: c.datasource,
    from: c.faultRate.windowSeconds,
    model: q.statistics(c, q.alertScope(c, service), [column], refId).resolution(60),
  });
  const sum = (refId: string, input: string) => ({
    refId,
    datasource: EXPRESSION_DATASOURCE,
    // Buckets without data are dropped, not counted as zero requests.
    model: new TypeReduceBuilder()
      .refId(refId)
      .datasource(EXPRESSION_DATASOURCE)
      .expression(input)
      .reducer('sum')
      .settings({ mode: 'dropNN' }),
  });
  const name = `XRayFaultRateHigh${pascal(service)}`;
  return {
    name,
    uid: `traces-fault-rate-${slug(service)}`.slice(0, 40),
    query: {
      kind: 'grafana',
      describe: `X-Ray faults / requests of service "${service}" over ${c.faultRate.windowSeconds}s`,
      data: [
        statistic('A', Column.faults),
        statistic('B', Column.total),
        sum('C', 'A'),
        sum('D', 'B'),
        // Zero requests gives NaN, which never crosses the threshold: an idle service is not failing.
        {
          refId: 'E',
          datasource: EXPRESSION_DATASOURCE,
          model: new TypeMathBuilder().refId('E').datasource(EXPRESSION_DATASOURCE).expression('$C / $D'),
        },
      ],
      value: 'E',
    },
    threshold: { op: 'gt', value: c.faultRate.threshold },
    for: c.faultRate.for,
    severity: c.faultRate.severity,
    labels: { service },
    summary: `X-Ray service ${service} fails more than ${c.faultRate.threshold * 100}% of requests.`,
    description: (v) =>
      `{{ humanizePercentage ${v} }} of the requests X-Ray traced for ${service} over the last ${c.faultRate.windowSeconds / 60} minutes were faults (5xx).`,
    // One runbook for every service's rule.
    runbookUrl: c.runbookUrl('XRayFaultRateHigh'),
    panel: { dashboard: c.uid, panel: 'Errors, faults and throttles' },
    // No traces in the window (no traffic, or sampling) is not a fault.
    noDataState: 'OK',
    execErrState: 'Error',
  };
};

/** Fault-rate alerts of the X-Ray recipe's ho11y services, one rule per service. */
export function xrayAlerts(overrides: DeepPartial<XRayConfig> = {}): AlertSet {
  const c = withOverrides(defaultXRayConfig, overrides);
  return areaAlertSet(c, {
    name: 'xray',
    source: import.meta.filename,
    groups: [{ name: 'xray-services', rules: c.services.map((s) => xrayFaultRateHigh(c, s)) }],
  });
}
