/**
 * The AMG flow through the real AWS SDK (signing, serialisation, retries) against two local STAND-INS, each
 * its own process: the AMG control-plane stand-in and the grafana-double started with --amg. Neither is AWS
 * nor Grafana; the control-plane stand-in creates and deletes real service-account tokens on the double.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GrafanaDoubleProcess } from '@o11y/grafana-double';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AmgError } from './amg-error.js';
import { openAmgSession, withAmgSession, type AmgSessionOptions } from './amg-session.js';
import { resolveAmgTarget } from './amg-target.js';
import { startAmgStandins, type AmgStandins } from './testing/start-amg-standins.js';
import type { ControlPlaneStandinProcess } from './testing/start-control-plane-standin.js';

let standins: AmgStandins;
let double: GrafanaDoubleProcess;
let standin: ControlPlaneStandinProcess;
const savedEnv = { ...process.env };
let tokensBeforeTest = 0;

beforeAll(async () => {
  standins = await startAmgStandins();
  ({ double, standin } = standins);
  // The SDK's default provider chain reads these, as it would in CI.
  process.env['AWS_ACCESS_KEY_ID'] = standin.credentials.accessKeyId;
  process.env['AWS_SECRET_ACCESS_KEY'] = standin.credentials.secretAccessKey;
  delete process.env['AWS_SESSION_TOKEN'];
  delete process.env['AWS_PROFILE'];
}, 60_000);

afterAll(async () => {
  process.env = savedEnv;
  await standins?.stop();
});

beforeEach(async () => {
  tokensBeforeTest = await standins.reset();
});

function options(extra: Partial<AmgSessionOptions> = {}): AmgSessionOptions & { lines: string[] } {
  const lines: string[] = [];
  return {
    workspaceId: standin.workspaceId,
    region: standin.region,
    endpoint: standin.url,
    declaredVersion: '12.4',
    handleSignals: false,
    log: (l) => lines.push(l),
    lines,
    ...extra,
  };
}

/** Tokens created during this test and not deleted through the control plane. */
async function liveTokens(): Promise<string[]> {
  return (await standin.tokens())
    .slice(tokensBeforeTest)
    .filter((t) => t.deletedAt === null)
    .map((t) => t.name);
}

async function grafanaGet(path: string, token: string): Promise<Response> {
  return fetch(new URL(path, double.url), { headers: { authorization: `Bearer ${token}` } });
}

/** Writes the publisher made to the workspace's Grafana (the control plane's own service-account calls excluded). */
async function publisherWrites(): Promise<unknown[]> {
  return (await double.requests()).filter((r) => r.wrote && !r.path.startsWith('/api/serviceaccounts'));
}

describe('openAmgSession', () => {
  it('given an ACTIVE workspace, when a session opens, then a token for this run reaches the workspace and is deleted on close', async () => {
    const opts = options({ runLabel: 'aws' });

    const session = await openAmgSession(opts);
    const token = session.bearerToken();
    const settings = await grafanaGet('/api/frontend/settings', token);
    const health = await grafanaGet('/api/health', token);
    const closed = await session.close();

    expect(session.url).toBe(double.url.replace(/\/$/, ''));
    expect(session.grafanaVersion).toBe('12.4');
    expect(settings.status).toBe(200);
    expect(health.status).toBe(400);
    expect(closed).toEqual({ deleted: true });
    expect((await grafanaGet('/api/frontend/settings', token)).status).toBe(401);
    expect(await liveTokens()).toEqual([]);
    const created = (await standin.tokens()).find((t) => t.name === session.tokenName);
    expect(created).toMatchObject({ secondsToLive: 900, deletedAt: expect.any(String) });
    expect(opts.lines.join('\n')).not.toContain(token);
    expect(JSON.stringify(session)).not.toContain(token);
  });

  it('given the service account exists, when a second session opens, then it is reused, not created again', async () => {
    await withAmgSession(options(), async () => {});
    await standin.resetCalls();

    await withAmgSession(options({ tokenSecondsToLive: 600 }), async () => {});

    const operations = (await standin.calls()).map((c) => c.operation);
    expect(operations).toEqual([
      'DescribeWorkspace',
      'ListWorkspaceServiceAccounts',
      'CreateWorkspaceServiceAccountToken',
      'DeleteWorkspaceServiceAccountToken',
    ]);
    expect((await standin.tokens()).at(-1)?.secondsToLive).toBe(600);
  });

  it('given a failure in the middle of a run, when withAmgSession ends, then the token is deleted and the failure surfaces', async () => {
    const run = withAmgSession(options(), async (session) => {
      expect((await grafanaGet('/api/frontend/settings', session.bearerToken())).status).toBe(200);
      throw new Error('publish failed half-way');
    });

    await expect(run).rejects.toThrow('publish failed half-way');
    expect(await liveTokens()).toEqual([]);
  });

  it('given SIGINT while a run holds a token, when the process is interrupted, then it deletes the token and exits 130', async () => {
    const fixture = fileURLToPath(new URL('./testing/hold-amg-session.fixture.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      env: { ...process.env, AMG_WORKSPACE_ID: standin.workspaceId, AWS_REGION: standin.region, O11Y_AMG_ENDPOINT: standin.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fixture never opened a session: ${stderr}`)), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('session open')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(await liveTokens()).toHaveLength(1);

    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));

    expect(code).toBe(130);
    expect(stderr).toContain("SIGINT: deleting this run's Amazon Managed Grafana token");
    expect(await liveTokens()).toEqual([]);
  });
});

describe('openAmgSession errors: one line, nothing written, no token left', () => {
  async function failure(extra: Partial<AmgSessionOptions> = {}): Promise<string> {
    const error = await openAmgSession(options(extra)).then(
      () => {
        throw new Error('expected the session to be refused');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AmgError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(await publisherWrites()).toEqual([]);
    expect(await liveTokens()).toEqual([]);
    return message;
  }

  it('given an unknown workspace id, when opening, then the workspace is named as not found', async () => {
    expect(await failure({ workspaceId: 'g-ffffffffff' })).toMatch(
      /g-ffffffffff \(us-east-1\): no such workspace in us-east-1 \(ResourceNotFoundException\)/,
    );
  });

  it('given a malformed workspace id, when opening, then AWS validation is reported', async () => {
    expect(await failure({ workspaceId: 'my-workspace' })).toMatch(/"my-workspace" is not a workspace id/);
  });

  it('given a workspace that is UPDATING, when opening, then it is refused before any token exists', async () => {
    await standin.setKnobs({ workspaceStatus: 'UPDATING' });
    expect(await failure()).toMatch(/is UPDATING, not ACTIVE/);
    expect((await standin.calls()).map((c) => c.operation)).toEqual(['DescribeWorkspace']);
  });

  it('given a 10.4 workspace and artifacts for 12.4, when opening, then the plugin type difference is named', async () => {
    await standin.setKnobs({ grafanaVersion: '10.4' });
    expect(await failure()).toMatch(
      /runs Grafana 10.4 but the artifacts are built for 12.4, which changes the Amazon Managed Prometheus data source type/,
    );
  });

  for (const action of ['DescribeWorkspace', 'ListWorkspaceServiceAccounts', 'CreateWorkspaceServiceAccountToken']) {
    it(`given no IAM permission for grafana:${action}, when opening, then the missing action is named`, async () => {
      await standin.setKnobs({ deniedActions: [`grafana:${action}`] });
      expect(await failure()).toMatch(
        new RegExp(`AWS denied grafana:${action} \\(AccessDeniedException\\); allow the action grafana:${action}`),
      );
    });
  }

  it('given no IAM permission for grafana:CreateWorkspaceServiceAccount and no account yet, when opening, then that action is named', async () => {
    await standin.setKnobs({ deniedActions: ['grafana:CreateWorkspaceServiceAccount'] });
    expect(await failure({ serviceAccountName: 'o11y-not-yet-created' })).toMatch(
      /AWS denied grafana:CreateWorkspaceServiceAccount \(AccessDeniedException\)/,
    );
  });

  it('given expired credentials, when opening, then expiry is reported', async () => {
    await standin.setKnobs({ expiredCredentials: true });
    expect(await failure()).toMatch(/the AWS credentials have expired \(ExpiredTokenException\)/);
  });

  it('given credentials with a wrong secret, when opening, then the stand-in rejects the SDK signature', async () => {
    process.env['AWS_SECRET_ACCESS_KEY'] = 'not-the-secret';
    try {
      expect(await failure()).toMatch(/AWS rejected the credentials for grafana:DescribeWorkspace \(InvalidSignatureException/);
    } finally {
      process.env['AWS_SECRET_ACCESS_KEY'] = standin.credentials.secretAccessKey;
    }
  });

  it('given throttling that does not stop, when opening, then it says the SDK retried and gave up', async () => {
    await standin.setKnobs({ throttle: { operation: '*', remaining: 100 } });
    expect(await failure()).toMatch(
      /AWS kept throttling grafana:DescribeWorkspace \(ThrottlingException\); the SDK retried 3 attempts and gave up/,
    );
    expect((await standin.calls()).filter((c) => c.errorType === 'ThrottlingException')).toHaveLength(3);
  });

  it('given a region without AMG, when opening without an endpoint override, then the region is named', async () => {
    expect(await failure({ region: 'xx-nowhere-1', endpoint: undefined })).toMatch(
      /no Amazon Managed Grafana endpoint in region xx-nowhere-1: grafana.xx-nowhere-1.amazonaws.com does not resolve/,
    );
    expect(await standin.calls()).toEqual([]);
  });
});

describe('openAmgSession retries and cleanup problems', () => {
  it('given two throttled calls, when opening, then the SDK retries through them', async () => {
    await standin.setKnobs({ throttle: { operation: 'CreateWorkspaceServiceAccountToken', remaining: 2 } });

    await withAmgSession(options(), async (session) => expect(session.bearerToken()).toBeTruthy());

    expect((await standin.calls()).filter((c) => c.errorType === 'ThrottlingException')).toHaveLength(2);
    expect(await liveTokens()).toEqual([]);
  });

  it('given no permission to delete tokens, when closing, then the problem names the action and the token expiry', async () => {
    await standin.setKnobs({ deniedActions: ['grafana:DeleteWorkspaceServiceAccountToken'] });
    const session = await openAmgSession(options({ tokenSecondsToLive: 120 }));

    const closed = await session.close();

    expect(closed.deleted).toBe(false);
    expect(closed.problem).toMatch(/AWS denied grafana:DeleteWorkspaceServiceAccountToken .* expires by itself within 120 s$/);
    // Leave nothing behind for the other tests.
    await standin.setKnobs({ deniedActions: [] });
    const leaked = (await standin.tokens()).find((t) => t.name === session.tokenName)!;
    await fetch(new URL(`/api/serviceaccounts/${leaked.serviceAccountId}/tokens/${leaked.tokenId}`, double.url), {
      method: 'DELETE',
      headers: { authorization: `Bearer ${standins.bootstrapToken}` },
    });
  });
});

describe('resolveAmgTarget', () => {
  it('given the aws environment variables, when the publisher resolves the target, then it gets the workspace url and a token its cleanup deletes', async () => {
    const lines: string[] = [];
    const manifest = {
      environment: 'aws',
      grafana: { kind: 'amazon-managed-grafana', workspaceId: '${env:AMG_WORKSPACE_ID}', region: '${env:AWS_REGION}', version: '12.4' },
    } as const;
    const env = { AMG_WORKSPACE_ID: standin.workspaceId, AWS_REGION: standin.region, O11Y_AMG_ENDPOINT: standin.url };

    const target = await resolveAmgTarget(manifest, env, (l) => lines.push(l));
    const settings = await grafanaGet('/api/frontend/settings', target.auth.token);
    await target.cleanup();

    expect(target.url).toBe(double.url.replace(/\/$/, ''));
    expect(target.secrets).toEqual([target.auth.token]);
    expect(settings.status).toBe(200);
    expect(await liveTokens()).toEqual([]);
    expect(lines.join('\n')).not.toContain(target.auth.token);
  });
});
