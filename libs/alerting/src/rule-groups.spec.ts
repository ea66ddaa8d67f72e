import { describe, expect, it } from 'vitest';
import type { AlertingDefinition } from '@o11y/environment';
import { compileRuleGroups } from './rule-groups.js';
import { definition, env, lines, rule, set } from '../test/fixtures.js';

const problems = (def: AlertingDefinition) => lines(compileRuleGroups(def, env).problems);

describe('compileRuleGroups', () => {
  it('moves PromQL alerts to Prometheus rule files when the backend evaluates them, so none is evaluated twice', () => {
    // when
    const { resources, ruleFiles } = compileRuleGroups(definition({ evaluation: 'prometheus' }), env);

    // then
    expect(resources.filter((r) => r.kind === 'alert-rule-group')).toEqual([]);
    expect(ruleFiles.map((f) => f.name)).toEqual(['test']);
    expect(ruleFiles[0]!.yaml).toContain('expr: up < 1');
  });

  it.each<[string, Partial<AlertingDefinition>, string]>([
    [
      'an unknown data source',
      { alertSets: [set({}, [rule({ query: { kind: 'promql', datasource: { type: 'prometheus', uid: 'amp' }, expr: 'up' } })])] },
      'alert rule TargetDown query.datasource: data source "amp" is not defined in environment test',
    ],
    [
      'a query that does not parse',
      {
        alertSets: [set({}, [rule({ query: { kind: 'promql', datasource: { type: 'prometheus', uid: 'prometheus' }, expr: 'sum(up' } })])],
      },
      'alert rule TargetDown query.expr: PromQL does not parse',
    ],
    [
      'a Grafana macro',
      {
        alertSets: [
          set({}, [
            rule({ query: { kind: 'promql', datasource: { type: 'prometheus', uid: 'prometheus' }, expr: 'rate(x[$__rate_interval])' } }),
          ]),
        ],
      },
      'alert rule TargetDown query.expr: uses Grafana macros',
    ],
    [
      'a duration that does not parse',
      { alertSets: [set({}, [rule({ for: '5 minutes' })])] },
      'alert rule TargetDown for: duration "5 minutes" does not parse',
    ],
    [
      'a folder the environment lacks',
      { alertSets: [set({ folder: 'nowhere' })] },
      'alert set test folder: folder "nowhere" is not defined in environment test',
    ],
    [
      'an interval off the 10s grid',
      { alertSets: [set({ groups: [{ name: 'test', interval: '15s', rules: [rule()] }] })] },
      'rule group test interval: interval "15s" must be a duration that is a multiple of 10s',
    ],
    [
      'a panel link to a dashboard the environment does not place',
      { alertSets: [set({}, [rule({ panel: { dashboard: 'envoy-proxy', panel: 'Latency' } })])] },
      'alert rule TargetDown panel: dashboard "envoy-proxy" is not placed in environment test',
    ],
  ])('reports %s, naming the resource and field', (_, over, expected) => {
    expect(problems(definition(over)).join('\n')).toContain(expected);
  });

  it('reports a condition that names no query', () => {
    // given: a Grafana-only rule whose value refId does not exist
    const broken = rule({ query: { kind: 'grafana', data: [], value: 'B', describe: 'nothing' } });

    // then
    expect(problems(definition({ alertSets: [set({}, [broken])] }))).toContain(
      'alert rule TargetDown query.value: refId "B" is not one of the rule\'s queries or expressions',
    );
  });
});
