import { describe, expect, it } from 'vitest';
import { envRefsIn, fromEnv, isEnvRef, resolveEnvRefs } from './env-ref.js';
import { versionAtLeast } from './grafana-version.js';

describe('environment references', () => {
  it('finds every referenced variable, also inside longer strings', () => {
    // given
    const ds = {
      url: 'https://aps-workspaces.${env:AWS_REGION}.amazonaws.com/workspaces/${env:AMP_WORKSPACE_ID}/',
      secure: { p: fromEnv('PW') },
    };

    // when / then
    expect([...envRefsIn(ds)].sort()).toEqual(['AMP_WORKSPACE_ID', 'AWS_REGION', 'PW']);
  });

  it('resolves references at publish time', () => {
    expect(resolveEnvRefs({ a: ['x-${env:A}'] }, { A: '1' }, 'datasource amp')).toEqual({ a: ['x-1'] });
  });

  it('names every missing variable in one error', () => {
    expect(() => resolveEnvRefs({ a: '${env:A}', b: '${env:B}' }, { A: '' }, 'datasource amp')).toThrow(
      'datasource amp: environment variables A, B not set',
    );
  });

  it('rejects names a shell could not export', () => {
    expect(() => fromEnv('not-valid')).toThrow(/invalid environment variable name/);
    expect(isEnvRef('${env:OK_1}')).toBe(true);
    expect(isEnvRef('literal-secret')).toBe(false);
  });
});

describe('versionAtLeast', () => {
  it.each([
    ['12.4.2', '12', true],
    ['12.4', '12.4.0', true],
    ['10.4.3', '12', false],
    ['9.4', '9.5', false],
    ['11.0', '10.4', true],
  ])('%s >= %s is %s', (v, min, expected) => {
    expect(versionAtLeast(v, min)).toBe(expected);
  });
});

describe('compareStrings', () => {
  it('orders by code unit, whatever the locale: upper case before lower case, "-" before letters', async () => {
    const { compareStrings } = await import('./compare.js');
    expect(['b', 'a-b', 'B', 'a', 'aB', 'ab'].sort(compareStrings)).toEqual(['B', 'a', 'a-b', 'aB', 'ab', 'b']);
  });
});
