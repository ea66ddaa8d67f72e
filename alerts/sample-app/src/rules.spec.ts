import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prometheusRuleFiles, promtoolCheckAndTest, promtoolCoverageGaps, promtoolTestFiles } from '@o11y/alerting';
import { sampleAppAlerts } from './rules.js';

describe('sample-app alerts', () => {
  it('tells "down" (scraped, failing) from "not scraped" (no target), and treats no data as healthy for both', () => {
    // when
    const [down, notScraped] = sampleAppAlerts().groups[0]!.rules;

    // then
    expect(down).toMatchObject({
      query: { expr: 'up{namespace="prom-sample-app", service="prometheus-sample-app"}' },
      threshold: { op: 'lt', value: 1 },
      noDataState: 'OK',
    });
    expect(notScraped).toMatchObject({
      query: { expr: 'absent(up{namespace="prom-sample-app", service="prometheus-sample-app"})' },
      threshold: { op: 'gt', value: 0 },
      noDataState: 'OK',
    });
  });

  it('follows an overridden selector in both rules', () => {
    const rules = sampleAppAlerts({ targetSelector: 'namespace="demo"' }).groups[0]!.rules;
    expect(rules.map((r) => (r.query.kind === 'promql' ? r.query.expr : ''))).toEqual([
      'up{namespace="demo"}',
      'absent(up{namespace="demo"})',
    ]);
  });

  it('passes promtool check and unit tests, with a firing and a quiet case for every alert', () => {
    const files = prometheusRuleFiles(sampleAppAlerts());
    const tests = promtoolTestFiles(join(import.meta.dirname, '../promtool'));
    expect(promtoolCoverageGaps(files, tests)).toEqual([]);
    expect(promtoolCheckAndTest(files, tests).test).toContain('SUCCESS');
  });
});
