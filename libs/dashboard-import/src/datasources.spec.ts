import { describe, expect, it } from 'vitest';
import { inferPluginType, looksLikeLogQL } from './datasources.js';

describe('looksLikeLogQL', () => {
  it.each([
    ['{app="api"} |= "error"', true],
    ['{app="api"} != "debug"', true],
    ['sum(count_over_time({app="api"}[5m]))', true],
    ['{app="api"}', true],
    ['avg(rate(node_cpu_seconds_total{mode!="idle"}[5m])) * 100', false],
    ['up{job!= "node"}', false],
    ['sum(rate(http_requests_total[5m]))', false],
  ])('%s -> %s', (expr, logql) => {
    expect(looksLikeLogQL(expr)).toBe(logql);
  });

  it('tells a PromQL query with a negative label matcher from LogQL', () => {
    expect(inferPluginType([{ refId: 'A', expr: 'count(up{mode!="idle"})' }])).toBe('prometheus');
  });
});
