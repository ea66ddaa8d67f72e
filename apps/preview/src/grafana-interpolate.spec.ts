import { describe, expect, it } from 'vitest';
import { ALL_VALUE, interpolateVariables, type ResolvedVariable } from './grafana-interpolate.js';

const variable = (v: Partial<ResolvedVariable> & Pick<ResolvedVariable, 'name' | 'value'>): ResolvedVariable => ({
  type: 'query',
  multi: false,
  includeAll: false,
  options: [],
  text: v.value,
  ...v,
});
const vars = (...list: ResolvedVariable[]) => new Map(list.map((v) => [v.name, v]));

describe('interpolateVariables', () => {
  it('replaces $var, ${var} and [[var]] with a single value as is', () => {
    const v = vars(variable({ name: 'metric', value: '3' }));
    expect(interpolateVariables('test_gauge${metric} + test_counter[[metric]] + $metric', v)).toBe('test_gauge3 + test_counter3 + 3');
  });

  it('inserts a custom All value such as .* unescaped', () => {
    const v = vars(
      variable({
        name: 'namespace',
        value: [ALL_VALUE],
        multi: true,
        includeAll: true,
        allValue: '.*',
        options: [{ text: 'a', value: 'a' }],
      }),
    );
    expect(interpolateVariables('x{namespace=~"$namespace"}', v)).toBe('x{namespace=~".*"}');
  });

  it('joins several values of a multi variable as an escaped regex alternation', () => {
    const v = vars(variable({ name: 'service', value: ['web.frontend', 'shop|catalog'], multi: true, includeAll: true, allValue: '.*' }));
    expect(interpolateVariables('x{service=~"$service"}', v)).toBe('x{service=~"(web\\\\.frontend|shop\\\\|catalog)"}');
  });

  it('uses every option for All without a custom all value', () => {
    const options = [
      { text: 'a', value: 'a' },
      { text: 'b', value: 'b' },
    ];
    const v = vars(variable({ name: 'pod', value: ALL_VALUE, includeAll: true, options }));
    expect(interpolateVariables('x{pod=~"$pod"}', v)).toBe('x{pod=~"(a|b)"}');
  });

  it('applies explicit formats', () => {
    const v = vars(variable({ name: 'svc', value: ['a.b', 'c'], text: ['A', 'C'], multi: true }));
    expect(interpolateVariables('${svc:regex} ${svc:pipe} ${svc:csv} ${svc:text} ${svc:json} [[svc:raw]]', v)).toBe(
      '(a\\.b|c) a.b|c a.b,c A + C ["a.b","c"] a.b,c',
    );
    expect(() => interpolateVariables('${svc:sqlstring}', v)).toThrow(/not supported/);
  });

  it('leaves unknown variables and macros for later, as Grafana does', () => {
    const v = vars(variable({ name: 'metric', value: '0' }));
    expect(interpolateVariables('rate(x$metric_bucket[$__rate_interval]) $other', v)).toBe(
      'rate(x$metric_bucket[$__rate_interval]) $other',
    );
  });

  it('writes texts into titles', () => {
    const v = vars(
      variable({ name: 'datapoint', value: ALL_VALUE, includeAll: true, allValue: '.*' }),
      variable({ name: 'metric', value: '2' }),
    );
    expect(interpolateVariables('Gauge ${metric} datapoints $datapoint', v, 'text')).toBe('Gauge 2 datapoints All');
  });
});
