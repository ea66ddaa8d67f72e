/**
 * `o11y plan aws` and `o11y publish aws` end to end through the real AWS SDK, against two local STAND-INS
 * (separate processes): the AMG control-plane stand-in of @o11y/amg and the grafana-double started with
 * --amg. Neither is AWS nor Grafana. Request logs (/__double, /__standin) exist only on the stand-ins.
 */
import { spawn, spawnSync } from 'node:child_process';
import { startAmgStandins, type AmgStandins, type ControlPlaneStandinProcess } from '@o11y/amg/testing';
import type { GrafanaDoubleProcess } from '@o11y/grafana-double';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bin, ensureBuilt } from '../../test/e2e-fixtures.js';

let standins: AmgStandins;
let double: GrafanaDoubleProcess;
let standin: ControlPlaneStandinProcess;
let tokensBeforeTest = 0;

function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AMG_WORKSPACE_ID: standin.workspaceId,
    AWS_REGION: standin.region,
    O11Y_AMG_ENDPOINT: standin.url,
    AWS_ACCESS_KEY_ID: standin.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: standin.credentials.secretAccessKey,
    AMP_WORKSPACE_ID: 'ws-0a1b2c3d-1234-5678-9abc-def012345678',
    ALERTS_SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:grafana-alerts',
    ALERTS_EMAIL_ADDRESSES: 'oncall@example.com',
    NO_COLOR: '1',
    ...extra,
  };
  // nx sets FORCE_COLOR; with NO_COLOR too, Node prints a warning that breaks the one-line assertions.
  for (const k of ['GRAFANA_URL', 'GRAFANA_TOKEN', 'GRAFANA_USER', 'GRAFANA_PASSWORD', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'FORCE_COLOR'])
    delete env[k];
  return env;
}

function o11y(args: string[], extra: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: cliEnv(extra), timeout: 120_000 });
}

/** Tokens this test created that the control plane has not deleted. */
async function liveTokens(): Promise<string[]> {
  return (await standin.tokens())
    .slice(tokensBeforeTest)
    .filter((t) => t.deletedAt === null)
    .map((t) => t.name);
}

/** Writes the publisher made to the workspace's Grafana (the control plane's service-account calls excluded). */
async function publisherWrites() {
  return (await double.requests()).filter((r) => r.wrote && !r.path.startsWith('/api/serviceaccounts'));
}

beforeAll(async () => {
  ensureBuilt('aws');
  standins = await startAmgStandins();
  ({ double, standin } = standins);
}, 120_000);

afterAll(() => standins?.stop());

beforeEach(async () => {
  tokensBeforeTest = await standins.reset();
});

describe('o11y plan|publish aws against the AMG stand-ins', { timeout: 180_000 }, () => {
  it('given a fresh workspace, when planned, published and planned again, then the second plan shows no changes and every token is deleted', async () => {
    const plan = o11y(['plan', 'aws']);
    const publish = o11y(['publish', 'aws']);
    const again = o11y(['plan', 'aws', '--detailed-exitcode']);

    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/Plan: \d+ to create/);
    expect(publish.stdout).toMatch(/aws: \d+ created/);
    expect(again.stdout).toMatch(/Plan: 0 to create, 0 to update, 0 to delete, 0 drifted, \d+ unchanged\./);
    expect(again.status, again.stdout + again.stderr).toBe(0);
    expect(publish.status, publish.stdout + publish.stderr).toBe(0);
    const operations = (await standin.calls()).map((c) => c.operation);
    expect(operations.filter((o) => o === 'CreateWorkspaceServiceAccountToken')).toHaveLength(3);
    expect(operations.filter((o) => o === 'DeleteWorkspaceServiceAccountToken')).toHaveLength(3);
    expect(await liveTokens()).toEqual([]);
    // AMG blocks /api/health; the version comes from /api/frontend/settings.
    const paths = (await double.requests()).map((r) => r.path);
    expect(paths).not.toContain('/api/health');
    expect(paths).toContain('/api/frontend/settings');
    const printed = plan.stdout + plan.stderr + publish.stdout + publish.stderr + again.stdout + again.stderr;
    expect(printed).not.toMatch(/glsa_/);
  });

  it('given a publish that fails in the middle, when it ends, then it exits non-zero and its token is deleted', async () => {
    // A folder of the environment replaced by one made by hand: publish refuses it after applying the rest.
    const asAdmin = { authorization: `Bearer ${standins.bootstrapToken}`, 'content-type': 'application/json' };
    await fetch(new URL('/api/folders/o11y-tracing?forceDeleteRules=true', double.url), { method: 'DELETE', headers: asAdmin });
    const handMade = await fetch(new URL('/api/folders', double.url), {
      method: 'POST',
      headers: asAdmin,
      body: JSON.stringify({ uid: 'o11y-tracing', title: 'Tracing made by hand' }),
    });
    expect(handMade.status).toBe(200);
    tokensBeforeTest = (await standin.tokens()).length;

    const publish = o11y(['publish', 'aws']);

    expect(publish.status).toBe(1);
    expect(publish.stderr).toMatch(/folder o11y-tracing/);
    expect((await standin.tokens()).length).toBe(tokensBeforeTest + 1);
    expect(await liveTokens()).toEqual([]);
  });

  it('given SIGINT while publishing, when interrupted, then the run deletes its token and exits 130', async () => {
    const child = spawn(process.execPath, [bin, 'publish', 'aws', '--force'], { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no token was created: ${stderr}`)), 60_000);
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/created token o11y-aws-/.test(stderr)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });

    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));

    expect(code).toBe(130);
    expect(stderr).toContain("SIGINT: deleting this run's Amazon Managed Grafana token");
    expect((await standin.tokens()).length).toBe(tokensBeforeTest + 1);
    expect(await liveTokens()).toEqual([]);
  });

  const refusals: [string, () => Promise<unknown>, Record<string, string>, RegExp][] = [
    [
      'an unknown workspace',
      async () => {},
      { AMG_WORKSPACE_ID: 'g-ffffffffff' },
      /^error: aws: Amazon Managed Grafana workspace g-ffffffffff \(us-east-1\): no such workspace in us-east-1 \(ResourceNotFoundException\)/,
    ],
    [
      'a denied IAM action',
      () => standin.setKnobs({ deniedActions: ['grafana:CreateWorkspaceServiceAccountToken'] }),
      {},
      /AWS denied grafana:CreateWorkspaceServiceAccountToken \(AccessDeniedException\)/,
    ],
    [
      'expired credentials',
      () => standin.setKnobs({ expiredCredentials: true }),
      {},
      /the AWS credentials have expired \(ExpiredTokenException\)/,
    ],
    [
      'throttling the SDK gives up on',
      () => standin.setKnobs({ throttle: { operation: '*', remaining: 1000 } }),
      {},
      /AWS kept throttling grafana:DescribeWorkspace \(ThrottlingException\); the SDK retried 3 attempts and gave up/,
    ],
    [
      'a region without AMG',
      async () => {},
      { AWS_REGION: 'xx-nowhere-1', O11Y_AMG_ENDPOINT: '' },
      /no Amazon Managed Grafana endpoint in region xx-nowhere-1/,
    ],
    [
      'a workspace on another Grafana version',
      () => standin.setKnobs({ grafanaVersion: '10.4' }),
      {},
      /runs Grafana 10.4 but the artifacts are built for 12.4/,
    ],
    [
      'an SNS topic not named grafana*',
      async () => {},
      { ALERTS_SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:ops-alerts' },
      /contact-point sns settings.topic_arn: .*must start with "grafana"/,
    ],
  ];
  for (const [what, given, extra, message] of refusals) {
    it(`given ${what}, when publishing, then one line, exit 1, no writes and no token left`, async () => {
      await given();

      const publish = o11y(['publish', 'aws'], extra);

      expect(publish.status).toBe(1);
      const errors = publish.stderr.split('\n').filter((l) => l.startsWith('error: '));
      expect(errors, publish.stderr).toHaveLength(1);
      expect(errors[0]).toMatch(message);
      expect(await publisherWrites()).toEqual([]);
      expect(await liveTokens()).toEqual([]);
    });
  }

  it('given an SNS topic not named grafana*, when publishing, then no AMG call is made at all', async () => {
    o11y(['publish', 'aws'], { ALERTS_SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:ops-alerts' });

    expect(await standin.calls()).toEqual([]);
  });
});
