import { describe, expect, it } from 'vitest';
import { fromEnv, type ManagedGrafana } from '@o11y/environment';
import { amgSessionOptionsFromEnv } from './session-options-from-env.js';

const grafana: ManagedGrafana = {
  kind: 'amazon-managed-grafana',
  workspaceId: fromEnv('AMG_WORKSPACE_ID'),
  region: fromEnv('AWS_REGION'),
  version: '12.4',
};

describe('amgSessionOptionsFromEnv', () => {
  it('given the workspace variables, when resolved, then the session targets that workspace with the declared version', () => {
    const options = amgSessionOptionsFromEnv('aws', grafana, {
      AMG_WORKSPACE_ID: 'g-0123456789',
      AWS_REGION: 'eu-west-1',
      O11Y_AMG_TOKEN_SECONDS: '600',
      O11Y_AMG_SERVICE_ACCOUNT: 'ci',
    });

    expect(options).toMatchObject({
      workspaceId: 'g-0123456789',
      region: 'eu-west-1',
      declaredVersion: '12.4',
      tokenSecondsToLive: 600,
      serviceAccountName: 'ci',
      runLabel: 'aws',
      endpoint: undefined,
    });
  });

  it('given neither variable, when resolved, then one line names both', () => {
    expect(() => amgSessionOptionsFromEnv('aws', grafana, {})).toThrow(
      'aws: Amazon Managed Grafana workspace: environment variables AMG_WORKSPACE_ID, AWS_REGION not set',
    );
  });

  it('given a token lifetime that is not a number, when resolved, then it is refused', () => {
    expect(() =>
      amgSessionOptionsFromEnv('aws', grafana, {
        AMG_WORKSPACE_ID: 'g-0123456789',
        AWS_REGION: 'eu-west-1',
        O11Y_AMG_TOKEN_SECONDS: '15m',
      }),
    ).toThrow('O11Y_AMG_TOKEN_SECONDS must be a whole number of seconds, got "15m"');
  });
});
