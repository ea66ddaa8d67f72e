import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prometheusRuleFiles, promtoolCheckAndTest, promtoolCoverageGaps, promtoolTestFiles } from '@o11y/alerting';
import { pipelineAlerts } from './rules.js';

describe('pipeline alerts', () => {
  it('alerts on a target that does not answer and on samples no longer arriving', () => {
    const [down, notSending] = pipelineAlerts().groups[0]!.rules;
    expect(down).toMatchObject({ name: 'ScrapeTargetDown', query: { expr: 'up' }, threshold: { op: 'lt', value: 1 }, for: '5m' });
    expect(notSending).toMatchObject({
      name: 'CollectorNotSending',
      query: { expr: 'absent_over_time(up[5m])' },
      threshold: { op: 'gt', value: 0 },
      severity: 'critical',
    });
  });

  it('alerts on exports failing only for the scrapers the environment runs', () => {
    const names = (scrapers: ('otel-collector' | 'alloy')[]) => pipelineAlerts({ scrapers }).groups[0]!.rules.map((r) => r.name);
    expect(names(['otel-collector'])).toEqual(['ScrapeTargetDown', 'CollectorNotSending', 'CollectorExportFailing']);
    expect(names(['alloy'])).toEqual(['ScrapeTargetDown', 'CollectorNotSending', 'AlloyRemoteWriteFailing']);
    expect(names([])).toEqual(['ScrapeTargetDown', 'CollectorNotSending']);
  });

  it('reads the same queries as the pipeline dashboard', () => {
    const rules = pipelineAlerts({ collectorSelector: 'service="adot-metrics"' }).groups[0]!.rules;
    expect(rules.find((r) => r.name === 'CollectorExportFailing')!.query).toMatchObject({
      expr: '(sum by (exporter) (rate(otelcol_exporter_send_failed_metric_points{service="adot-metrics"}[5m]))) or (sum by (exporter) (rate(otelcol_exporter_sent_metric_points{service="adot-metrics"}[5m])) * 0)',
    });
  });

  it('lets an environment watch only some targets', () => {
    const [down] = pipelineAlerts({ targetSelector: 'job!="kubernetes-pods"', targetDown: { for: '10m' } }).groups[0]!.rules;
    expect(down).toMatchObject({ query: { expr: 'up{job!="kubernetes-pods"}' }, for: '10m', severity: 'warning' });
  });

  it('passes promtool check and unit tests, with a firing and a quiet case for every alert', () => {
    const files = prometheusRuleFiles(pipelineAlerts());
    const tests = promtoolTestFiles(join(import.meta.dirname, '../promtool'));
    expect(promtoolCoverageGaps(files, tests)).toEqual([]);
    expect(promtoolCheckAndTest(files, tests).test).toContain('SUCCESS');
  });
});
