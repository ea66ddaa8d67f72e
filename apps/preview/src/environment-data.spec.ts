import { describe, expect, it } from 'vitest';
import { dataProblems, describeEnvironmentData, type EnvironmentDataReport } from './environment-data.js';

describe('dataProblems', () => {
  it('fails on an undeclared panel or rule without data, on a declared one that has data, and on a declaration matching nothing', () => {
    // given
    const report: EnvironmentDataReport = {
      environment: 'aws',
      panels: [
        { name: 'dashboard d panel "Fed"', verdict: 'fed', detail: [] },
        {
          name: 'dashboard d panel "Empty"',
          verdict: 'no-data',
          detail: ['A (range): no series with a value; x selects nothing: rate(x[1m])'],
        },
        { name: 'dashboard d panel "Nodes"', verdict: 'declared', why: 'no cluster', detail: [] },
        { name: 'dashboard x panel "Map"', verdict: 'not-prometheus', why: 'X-Ray (grafana-x-ray-datasource)', detail: [] },
      ],
      rules: [{ name: 'rule "Down" (group g)', verdict: 'declared-but-fed', why: 'the Envoy scrape job is missing', detail: [] }],
      unmatched: [{ dashboard: 'gone', why: 'old' }],
    };

    // when
    const problems = dataProblems(report);

    // then
    expect(problems).toEqual([
      'aws: dashboard d panel "Empty" has no data: A (range): no series with a value; x selects nothing: rate(x[1m])',
      'aws: rule "Down" (group g) is declared without a source ("the Envoy scrape job is missing") but has data: remove the declaration',
      'aws: the declaration {"dashboard":"gone","why":"old"} matches no panel or rule',
    ]);
    expect(describeEnvironmentData(report).slice(0, 2)).toEqual([
      'aws: 4 panels: 1 fed, 1 no-data, 1 declared, 1 not-prometheus',
      'aws: 1 rules: 1 declared-but-fed',
    ]);
  });
});
