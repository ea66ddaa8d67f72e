import { DefinitionError } from '@o11y/environment';
import { describe, expect, it } from 'vitest';
import { readChartConfig } from './chart-config.js';

const spec = {
  region: { kind: 'region', env: 'AWS_REGION', example: 'us-east-1', description: 'region' },
  roleArn: { kind: 'roleArn', env: 'O11Y_ROLE_ARN', example: 'arn:aws:iam::111122223333:role/EXAMPLE', description: 'role' },
} as const;

describe('readChartConfig', () => {
  it('reads set variables', () => {
    // given
    const warnings: string[] = [];
    // when
    const config = readChartConfig(spec, {
      source: 's.ts',
      env: { AWS_REGION: 'eu-west-1', O11Y_ROLE_ARN: 'arn:aws:iam::123456789012:role/r' },
      warn: (l) => warnings.push(l),
    });
    // then
    expect(config).toEqual({ region: 'eu-west-1', roleArn: 'arn:aws:iam::123456789012:role/r' });
    expect(warnings).toEqual([]);
  });

  it('falls back to examples with one warning line naming every unset variable', () => {
    // given
    const warnings: string[] = [];
    // when
    const config = readChartConfig(spec, { source: 's.ts', env: { AWS_REGION: ' ' }, warn: (l) => warnings.push(l) });
    // then
    expect(config.roleArn).toBe('arn:aws:iam::111122223333:role/EXAMPLE');
    expect(warnings).toEqual([expect.stringMatching(/^warning: s\.ts: AWS_REGION, O11Y_ROLE_ARN not set;/)]);
  });

  it('makes an unset variable a build error naming it in strict mode', () => {
    // given
    const env = { O11Y_STRICT_CONFIG: '1', AWS_REGION: 'eu-west-1' };
    // when
    let error: unknown;
    try {
      readChartConfig(spec, { source: 's.ts', env });
    } catch (e) {
      error = e;
    }
    // then
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).problems).toEqual([
      expect.objectContaining({ file: 's.ts', resource: 'environment variable O11Y_ROLE_ARN' }),
    ]);
  });
});
