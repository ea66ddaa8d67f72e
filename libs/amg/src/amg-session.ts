import { randomBytes } from 'node:crypto';
import {
  ConflictException,
  CreateWorkspaceServiceAccountCommand,
  CreateWorkspaceServiceAccountTokenCommand,
  DeleteWorkspaceServiceAccountTokenCommand,
  DescribeWorkspaceCommand,
  GrafanaClient,
  ListWorkspaceServiceAccountsCommand,
  ListWorkspaceServiceAccountTokensCommand,
  type ServiceAccountSummary,
  type WorkspaceDescription,
} from '@aws-sdk/client-grafana';
import { AmgError, describeAwsError } from './amg-error.js';
import { artifactVersionMismatches } from './workspace-version.js';

export const DEFAULT_SERVICE_ACCOUNT_NAME = 'o11y-publisher';
/** 15 minutes: long enough for a publish, short enough that a leaked token is soon useless. */
export const DEFAULT_TOKEN_SECONDS_TO_LIVE = 900;
/** AMG's upper bound for secondsToLive (30 days). */
const MAX_TOKEN_SECONDS_TO_LIVE = 2_592_000;

export interface AmgSessionOptions {
  readonly workspaceId: string;
  readonly region: string;
  /** The Grafana version the artifacts were built for; a workspace that differs where it matters is refused. */
  readonly declaredVersion?: string;
  /** The tool's workspace service account (found or created with the ADMIN role, which data sources need). */
  readonly serviceAccountName?: string;
  readonly tokenSecondsToLive?: number;
  /** Part of the token's name (e.g. the environment), so a token left behind says whose it was. */
  readonly runLabel?: string;
  /**
   * Tests only: the control-plane endpoint (e.g. http://127.0.0.1:<port> of the stand-in). A loopback http
   * endpoint also makes the workspace be reached over http; anything else keeps https.
   */
  readonly endpoint?: string;
  /** SDK attempts per call (its standard retry mode: throttling and transient errors back off and retry). */
  readonly maxAttempts?: number;
  /** Delete the token and exit on SIGINT/SIGTERM (default true); a library caller with its own handling may turn it off. */
  readonly handleSignals?: boolean;
  /** Progress lines (never contain the token). */
  readonly log?: (line: string) => void;
}

/** A workspace reached with a token made for this run only. Call close() when done: it deletes the token. */
export interface AmgSession {
  /** https://<workspace endpoint> */
  readonly url: string;
  readonly workspaceId: string;
  readonly grafanaVersion: string;
  readonly serviceAccountId: string;
  readonly tokenName: string;
  readonly tokenExpiresAt: Date;
  /** The token, for an Authorization header only: never print, log or write it. A method, so it never serialises. */
  bearerToken(): string;
  /** Deletes the token (idempotent); failures are reported through log and in the result, not thrown. */
  close(): Promise<{ readonly deleted: boolean; readonly problem?: string }>;
}

/** DescribeWorkspace, find or create the service account, create a short-lived token; see AmgSessionOptions. */
export async function openAmgSession(options: AmgSessionOptions): Promise<AmgSession> {
  const log = options.log ?? (() => {});
  const secondsToLive = options.tokenSecondsToLive ?? DEFAULT_TOKEN_SECONDS_TO_LIVE;
  if (!Number.isInteger(secondsToLive) || secondsToLive < 60 || secondsToLive > MAX_TOKEN_SECONDS_TO_LIVE) {
    throw new AmgError(
      `token lifetime ${secondsToLive} s is out of range: AMG tokens live 60 s to ${MAX_TOKEN_SECONDS_TO_LIVE} s (30 days)`,
    );
  }
  // The project runs on Node 20 by design; the SDK's multi-line notice about Node 22 would break one-line output.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const client = new GrafanaClient({ region: options.region, endpoint: options.endpoint, maxAttempts: options.maxAttempts });
  const { workspaceId, region } = options;
  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw new AmgError(describeAwsError(error, { operation, workspaceId, region }), { cause: error });
    }
  };

  try {
    const { workspace } = await call('DescribeWorkspace', () => client.send(new DescribeWorkspaceCommand({ workspaceId })));
    const url = workspaceUrl(workspace!, options.endpoint);
    checkWorkspace(workspace!, options);
    log(`Amazon Managed Grafana workspace ${workspaceId} (${region}): ${workspace!.status}, Grafana ${workspace!.grafanaVersion}, ${url}`);

    const serviceAccount = await findOrCreateServiceAccount(
      client,
      call,
      workspaceId,
      options.serviceAccountName ?? DEFAULT_SERVICE_ACCOUNT_NAME,
    );
    const serviceAccountId = serviceAccount.id!;
    const tokenName = `o11y-${options.runLabel ?? 'run'}-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
    const tokenState: { id?: string; key?: string; creating: boolean } = { creating: true };
    let closing: Promise<{ deleted: boolean; problem?: string }> | undefined;

    const close = (): Promise<{ deleted: boolean; problem?: string }> => {
      closing ??= (async () => {
        removeSignalHandlers();
        try {
          // A create whose answer never arrived may still have made the token: find it by its run-unique name.
          const id =
            tokenState.id ??
            (
              await call('ListWorkspaceServiceAccountTokens', () =>
                client.send(new ListWorkspaceServiceAccountTokensCommand({ workspaceId, serviceAccountId })),
              )
            ).serviceAccountTokens?.find((t) => t.name === tokenName)?.id;
          if (id === undefined) return { deleted: false };
          await call('DeleteWorkspaceServiceAccountToken', () =>
            client.send(new DeleteWorkspaceServiceAccountTokenCommand({ workspaceId, serviceAccountId, tokenId: id })),
          );
          log(`deleted this run's token ${tokenName} of service account ${serviceAccount.name}`);
          return { deleted: true };
        } catch (error) {
          const problem = `${(error as Error).message}; the token ${tokenName} expires by itself within ${secondsToLive} s`;
          log(problem);
          return { deleted: false, problem };
        } finally {
          tokenState.key = undefined;
          client.destroy();
        }
      })();
      return closing;
    };

    const onSignal = (signal: NodeJS.Signals) => {
      log(`${signal}: deleting this run's Amazon Managed Grafana token before exiting`);
      // A second signal while deleting exits at once.
      process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
      void close().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    const signals: NodeJS.Signals[] = options.handleSignals === false ? [] : ['SIGINT', 'SIGTERM'];
    for (const s of signals) process.once(s, onSignal);
    function removeSignalHandlers() {
      for (const s of signals) process.removeListener(s, onSignal);
    }

    try {
      const created = await call('CreateWorkspaceServiceAccountToken', () =>
        client.send(new CreateWorkspaceServiceAccountTokenCommand({ workspaceId, serviceAccountId, name: tokenName, secondsToLive })),
      );
      tokenState.id = created.serviceAccountToken!.id;
      tokenState.key = created.serviceAccountToken!.key;
      tokenState.creating = false;
    } catch (error) {
      await close();
      throw error;
    }
    if (closing) throw new AmgError(`Amazon Managed Grafana workspace ${workspaceId}: interrupted while creating the token`);
    log(`created token ${tokenName} (lives ${secondsToLive} s) for service account ${serviceAccount.name}`);

    return {
      url,
      workspaceId,
      grafanaVersion: workspace!.grafanaVersion!,
      serviceAccountId,
      tokenName,
      tokenExpiresAt: new Date(Date.now() + secondsToLive * 1000),
      bearerToken: () => {
        if (tokenState.key === undefined) throw new AmgError(`the Amazon Managed Grafana token of this run has been deleted`);
        return tokenState.key;
      },
      close,
    };
  } catch (error) {
    client.destroy();
    throw error;
  }
}

function workspaceUrl(workspace: WorkspaceDescription, endpointOverride: string | undefined): string {
  const loopbackHttp = endpointOverride !== undefined && /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(endpointOverride);
  return `${loopbackHttp ? 'http' : 'https'}://${workspace.endpoint}`;
}

function checkWorkspace(workspace: WorkspaceDescription, options: AmgSessionOptions): void {
  const where = `Amazon Managed Grafana workspace ${options.workspaceId} (${options.region})`;
  if (workspace.status !== 'ACTIVE') {
    throw new AmgError(`${where} is ${workspace.status}, not ACTIVE; wait until it is ACTIVE and rerun`);
  }
  if (options.declaredVersion) {
    const mismatches = artifactVersionMismatches(options.declaredVersion, workspace.grafanaVersion ?? '0');
    if (mismatches.length > 0) {
      throw new AmgError(
        `${where} runs Grafana ${workspace.grafanaVersion} but the artifacts are built for ${options.declaredVersion}, which changes ${mismatches.join(' and ')}; set the environment's version to ${workspace.grafanaVersion} and rebuild`,
      );
    }
  }
}

type Call = <T>(operation: string, run: () => Promise<T>) => Promise<T>;

async function findOrCreateServiceAccount(
  client: GrafanaClient,
  call: Call,
  workspaceId: string,
  name: string,
): Promise<ServiceAccountSummary> {
  const find = async (): Promise<ServiceAccountSummary | undefined> => {
    let nextToken: string | undefined;
    do {
      const page = await call('ListWorkspaceServiceAccounts', () =>
        client.send(new ListWorkspaceServiceAccountsCommand({ workspaceId, nextToken })),
      );
      const found = page.serviceAccounts?.find((s) => s.name === name);
      if (found) return found;
      nextToken = page.nextToken;
    } while (nextToken);
    return undefined;
  };
  let account = await find();
  if (!account) {
    try {
      const created = await call('CreateWorkspaceServiceAccount', () =>
        client.send(new CreateWorkspaceServiceAccountCommand({ workspaceId, name, grafanaRole: 'ADMIN' })),
      );
      account = { id: created.id, name: created.name, grafanaRole: created.grafanaRole, isDisabled: 'false' };
    } catch (error) {
      // Another run created it between our list and our create.
      if (!(error instanceof AmgError && error.cause instanceof ConflictException)) throw error;
      account = await find();
      if (!account) throw error;
    }
  }
  if (account.grafanaRole !== 'ADMIN') {
    throw new AmgError(
      `Amazon Managed Grafana workspace ${workspaceId}: service account ${name} has role ${account.grafanaRole}, but publishing data sources needs ADMIN; change its role or choose another name`,
    );
  }
  if (account.isDisabled === 'true') {
    throw new AmgError(
      `Amazon Managed Grafana workspace ${workspaceId}: service account ${name} is disabled; enable it or choose another name`,
    );
  }
  return account;
}

/** Opens a session, runs `use`, and deletes the token whatever happens (success, failure, or a signal). */
export async function withAmgSession<T>(options: AmgSessionOptions, use: (session: AmgSession) => Promise<T>): Promise<T> {
  const session = await openAmgSession(options);
  try {
    return await use(session);
  } finally {
    await session.close();
  }
}
