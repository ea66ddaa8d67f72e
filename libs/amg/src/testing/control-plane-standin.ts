/**
 * A STAND-IN for the Amazon Managed Grafana control plane (grafana.<region>.amazonaws.com), for tests only.
 * It answers the REST-JSON operations the publisher calls, in the wire format @aws-sdk/client-grafana sends
 * and parses (paths, JSON bodies, x-amzn-ErrorType error shapes), verifies the SDK's SigV4 signature, and
 * backs service accounts and tokens with real ones on the stand-in Grafana (grafana-double started with
 * --amg), through that double's bootstrap Admin token, as AMG does with its own Grafana. It is not AWS.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySigV4, type KnownCredentials } from './sigv4-check.js';

export interface ControlPlaneKnobs {
  /** DescribeWorkspace status, e.g. ACTIVE, UPDATING, VERSION_UPDATING. */
  workspaceStatus: string;
  /** DescribeWorkspace grafanaVersion, e.g. "12.4" or "10.4". */
  grafanaVersion: string;
  /** IAM actions answered with AccessDeniedException, e.g. "grafana:CreateWorkspaceServiceAccountToken". */
  deniedActions: string[];
  /** The next `remaining` calls of `operation` ("*" for any) are answered with ThrottlingException. */
  throttle: { operation: string; remaining: number } | null;
  /** Every call is answered with ExpiredTokenException, as STS session credentials past their expiry are. */
  expiredCredentials: boolean;
}

/** A healthy 12.4 workspace: what every test starts from. */
export const DEFAULT_KNOBS: Readonly<ControlPlaneKnobs> = {
  workspaceStatus: 'ACTIVE',
  grafanaVersion: '12.4',
  deniedActions: [],
  throttle: null,
  expiredCredentials: false,
};

export interface TokenRecord {
  readonly workspaceId: string;
  readonly serviceAccountId: string;
  readonly tokenId: string;
  readonly name: string;
  readonly secondsToLive: number;
  readonly createdAt: string;
  deletedAt: string | null;
}

export interface CallRecord {
  readonly operation: string;
  readonly status: number;
  readonly errorType?: string;
}

export interface ControlPlaneStandinOptions {
  readonly workspaceId: string;
  readonly region: string;
  /** URL of the grafana-double (started with --amg) that plays the workspace's Grafana. */
  readonly grafanaUrl: string;
  /** Admin token of that double, its private channel for service accounts and tokens. */
  readonly bootstrapToken: string;
  readonly credentials: KnownCredentials;
  readonly knobs?: Partial<ControlPlaneKnobs>;
}

type Handler = (ctx: CallContext) => Promise<Reply>;
interface CallContext {
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}
interface Reply {
  readonly status: number;
  readonly body: unknown;
}

class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const ROLE_TO_GRAFANA: Record<string, string> = { ADMIN: 'Admin', EDITOR: 'Editor', VIEWER: 'Viewer' };
const WORKSPACE_ID = /^g-[0-9a-f]{10}$/;

export class AmgControlPlaneStandin {
  readonly knobs: ControlPlaneKnobs;
  readonly tokens: TokenRecord[] = [];
  readonly calls: CallRecord[] = [];
  private server: Server | undefined;
  private readonly created = new Date();
  private readonly routes: { method: string; pattern: RegExp; operation: string; handler: Handler }[];

  constructor(private readonly options: ControlPlaneStandinOptions) {
    this.knobs = { ...DEFAULT_KNOBS, deniedActions: [], ...options.knobs };
    const ws = '/workspaces/(?<workspaceId>[^/]+)';
    const sa = `${ws}/serviceaccounts/(?<serviceAccountId>[^/]+)`;
    this.routes = [
      { method: 'GET', pattern: re(ws), operation: 'DescribeWorkspace', handler: () => this.describeWorkspace() },
      {
        method: 'GET',
        pattern: re(`${ws}/serviceaccounts`),
        operation: 'ListWorkspaceServiceAccounts',
        handler: (c) => this.listServiceAccounts(c),
      },
      {
        method: 'POST',
        pattern: re(`${ws}/serviceaccounts`),
        operation: 'CreateWorkspaceServiceAccount',
        handler: (c) => this.createServiceAccount(c),
      },
      { method: 'GET', pattern: re(`${sa}/tokens`), operation: 'ListWorkspaceServiceAccountTokens', handler: (c) => this.listTokens(c) },
      { method: 'POST', pattern: re(`${sa}/tokens`), operation: 'CreateWorkspaceServiceAccountToken', handler: (c) => this.createToken(c) },
      {
        method: 'DELETE',
        pattern: re(`${sa}/tokens/(?<tokenId>[^/]+)`),
        operation: 'DeleteWorkspaceServiceAccountToken',
        handler: (c) => this.deleteToken(c),
      },
    ];
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Longer than clients keep idle sockets, so none reuses a socket the server is closing (as AWS's 60 s+).
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, resolve);
    });
    const { port: bound } = this.server.address() as AddressInfo;
    return `http://${host}:${bound}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://standin');
    try {
      if (url.pathname.startsWith('/__standin/')) return send(res, this.handleTestChannel(req.method ?? 'GET', url.pathname, raw));
      const route = this.routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
      if (!route) throw new AwsError(404, 'UnknownOperationException', `no operation for ${req.method} ${url.pathname}`);
      const query: Record<string, string> = {};
      for (const [k, v] of url.searchParams) query[k] = v;
      const verdict = await verifySigV4(
        { method: req.method!, path: url.pathname, query, headers: req.headers, body: raw },
        this.options.credentials,
      );
      try {
        if (!verdict.ok) throw new AwsError(403, verdict.errorType, verdict.message);
        if (this.knobs.expiredCredentials)
          throw new AwsError(403, 'ExpiredTokenException', 'The security token included in the request is expired');
        this.checkThrottle(route.operation);
        if (this.knobs.deniedActions.includes(`grafana:${route.operation}`)) {
          throw new AwsError(
            403,
            'AccessDeniedException',
            `User: arn:aws:sts::123456789012:assumed-role/o11y-publisher/ci is not authorized to perform: grafana:${route.operation} on resource: arn:aws:grafana:${this.options.region}:123456789012:/workspaces/${this.options.workspaceId} because no identity-based policy allows the grafana:${route.operation} action`,
          );
        }
        const params = { ...route.pattern.exec(url.pathname)!.groups } as Record<string, string>;
        for (const k of Object.keys(params)) params[k] = decodeURIComponent(params[k]!);
        this.checkWorkspace(params['workspaceId']!);
        const reply = await route.handler({
          params,
          query: url.searchParams,
          body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
        });
        this.calls.push({ operation: route.operation, status: reply.status });
        send(res, reply);
      } catch (e) {
        if (e instanceof AwsError) this.calls.push({ operation: route.operation, status: e.status, errorType: e.errorType });
        throw e;
      }
    } catch (e) {
      const err = e instanceof AwsError ? e : new AwsError(500, 'InternalServerException', String((e as Error).message ?? e));
      // restJson1 errors: the SDK reads the type from x-amzn-ErrorType and the fields from the JSON body.
      res.writeHead(err.status, {
        'content-type': 'application/json',
        'x-amzn-errortype': `${err.errorType}:http://internal.amazon.com/coral/com.amazonaws.grafana/`,
        'x-amzn-requestid': requestId(),
        ...err.headers,
      });
      res.end(JSON.stringify({ message: err.message, ...err.extra }));
    }
  }

  /** Test knobs and hygiene records; nothing like it exists on AWS. */
  private handleTestChannel(method: string, path: string, raw: string): Reply {
    if (path === '/__standin/knobs' && method === 'POST') {
      Object.assign(this.knobs, JSON.parse(raw || '{}') as Partial<ControlPlaneKnobs>);
      return { status: 200, body: this.knobs };
    }
    if (path === '/__standin/knobs') return { status: 200, body: this.knobs };
    if (path === '/__standin/tokens') return { status: 200, body: this.tokens };
    if (path === '/__standin/calls' && method === 'DELETE') {
      this.calls.length = 0;
      return { status: 200, body: [] };
    }
    if (path === '/__standin/calls') return { status: 200, body: this.calls };
    throw new AwsError(404, 'UnknownOperationException', `no test route ${method} ${path}`);
  }

  private checkThrottle(operation: string): void {
    const t = this.knobs.throttle;
    if (!t || t.remaining <= 0 || (t.operation !== '*' && t.operation !== operation)) return;
    t.remaining--;
    throw new AwsError(429, 'ThrottlingException', 'Rate exceeded', {}, { 'retry-after': '0' });
  }

  private checkWorkspace(workspaceId: string): void {
    if (!WORKSPACE_ID.test(workspaceId)) {
      throw new AwsError(
        400,
        'ValidationException',
        `1 validation error detected: Value '${workspaceId}' at 'workspaceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^g-[0-9a-f]{10}$`,
        {
          reason: 'FIELD_VALIDATION_FAILED',
          fieldList: [{ name: 'workspaceId', message: 'Member must satisfy regular expression pattern: ^g-[0-9a-f]{10}$' }],
        },
      );
    }
    if (workspaceId !== this.options.workspaceId) {
      throw new AwsError(404, 'ResourceNotFoundException', `Workspace ${workspaceId} not found.`, {
        resourceId: workspaceId,
        resourceType: 'WORKSPACE',
      });
    }
  }

  private async describeWorkspace(): Promise<Reply> {
    const endpoint = new URL(this.options.grafanaUrl).host;
    const epoch = Math.floor(this.created.getTime() / 1000);
    return {
      status: 200,
      body: {
        workspace: {
          id: this.options.workspaceId,
          name: 'o11y-standin',
          endpoint,
          status: this.knobs.workspaceStatus,
          grafanaVersion: this.knobs.grafanaVersion,
          created: epoch,
          modified: epoch,
          dataSources: ['PROMETHEUS', 'XRAY'],
          notificationDestinations: ['SNS'],
          authentication: { providers: ['AWS_SSO'] },
          accountAccessType: 'CURRENT_ACCOUNT',
          permissionType: 'SERVICE_MANAGED',
        },
      },
    };
  }

  private async listServiceAccounts({ query }: CallContext): Promise<Reply> {
    const maxResults = Number(query.get('maxResults') ?? 50);
    const start = Number(query.get('nextToken') ?? 0);
    const found = (await this.grafana('GET', `/api/serviceaccounts/search?perpage=1000&page=1`)) as {
      serviceAccounts: { id: number; name: string; role: string; isDisabled: boolean }[];
    };
    const all = found.serviceAccounts.map((s) => ({
      id: String(s.id),
      name: s.name,
      grafanaRole: s.role.toUpperCase(),
      isDisabled: String(s.isDisabled),
    }));
    const page = all.slice(start, start + maxResults);
    const next = start + maxResults < all.length ? String(start + maxResults) : undefined;
    return { status: 200, body: { workspaceId: this.options.workspaceId, serviceAccounts: page, ...(next ? { nextToken: next } : {}) } };
  }

  private async createServiceAccount({ body }: CallContext): Promise<Reply> {
    const name = String(body['name'] ?? '');
    const role = ROLE_TO_GRAFANA[String(body['grafanaRole'])];
    if (!name || !role)
      throw new AwsError(400, 'ValidationException', 'name and grafanaRole (ADMIN, EDITOR, VIEWER) are required', {
        reason: 'FIELD_VALIDATION_FAILED',
      });
    const existing = (await this.grafana('GET', `/api/serviceaccounts/search?perpage=1000&page=1&query=${encodeURIComponent(name)}`)) as {
      serviceAccounts: { name: string; id: number }[];
    };
    const clash = existing.serviceAccounts.find((s) => s.name === name);
    if (clash)
      throw new AwsError(409, 'ConflictException', `Service account ${name} already exists.`, {
        resourceId: String(clash.id),
        resourceType: 'SERVICE_ACCOUNT',
      });
    const sa = (await this.grafana('POST', '/api/serviceaccounts', { name, role, isDisabled: false })) as {
      id: number;
      name: string;
      role: string;
    };
    return {
      status: 200,
      body: { id: String(sa.id), name: sa.name, grafanaRole: String(body['grafanaRole']), workspaceId: this.options.workspaceId },
    };
  }

  private async listTokens({ params }: CallContext): Promise<Reply> {
    const tokens = (await this.grafana('GET', `/api/serviceaccounts/${params['serviceAccountId']}/tokens`)) as {
      id: number;
      name: string;
      created?: string;
      expiration?: string;
      lastUsedAt?: string | null;
    }[];
    const seconds = (v: string | null | undefined) => (v ? Math.floor(Date.parse(v) / 1000) : undefined);
    return {
      status: 200,
      body: {
        workspaceId: this.options.workspaceId,
        serviceAccountId: params['serviceAccountId'],
        serviceAccountTokens: tokens.map((t) => ({
          id: String(t.id),
          name: t.name,
          createdAt: seconds(t.created),
          expiresAt: seconds(t.expiration),
          lastUsedAt: seconds(t.lastUsedAt),
        })),
      },
    };
  }

  private async createToken({ params, body }: CallContext): Promise<Reply> {
    const secondsToLive = Number(body['secondsToLive']);
    const name = String(body['name'] ?? '');
    if (!name || !Number.isInteger(secondsToLive) || secondsToLive < 1 || secondsToLive > 2_592_000) {
      throw new AwsError(400, 'ValidationException', 'name is required and secondsToLive must be between 1 and 2592000', {
        reason: 'FIELD_VALIDATION_FAILED',
      });
    }
    const saId = params['serviceAccountId']!;
    const token = (await this.grafana('POST', `/api/serviceaccounts/${saId}/tokens`, { name, secondsToLive })) as {
      id: number;
      name: string;
      key: string;
    };
    this.tokens.push({
      workspaceId: this.options.workspaceId,
      serviceAccountId: saId,
      tokenId: String(token.id),
      name,
      secondsToLive,
      createdAt: new Date().toISOString(),
      deletedAt: null,
    });
    return {
      status: 200,
      body: {
        workspaceId: this.options.workspaceId,
        serviceAccountId: saId,
        serviceAccountToken: { id: String(token.id), name: token.name, key: token.key },
      },
    };
  }

  private async deleteToken({ params }: CallContext): Promise<Reply> {
    const { serviceAccountId, tokenId } = params as { serviceAccountId: string; tokenId: string };
    await this.grafana('DELETE', `/api/serviceaccounts/${serviceAccountId}/tokens/${tokenId}`);
    const record = this.tokens.find((t) => t.serviceAccountId === serviceAccountId && t.tokenId === tokenId);
    if (record) record.deletedAt = new Date().toISOString();
    return { status: 200, body: { workspaceId: this.options.workspaceId, serviceAccountId, tokenId } };
  }

  /** A call to the workspace's Grafana (the double) with the bootstrap Admin token; its 404 becomes AWS's. */
  private async grafana(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(new URL(path, this.options.grafanaUrl), {
      method,
      headers: { authorization: `Bearer ${this.options.bootstrapToken}`, 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status === 404)
      throw new AwsError(404, 'ResourceNotFoundException', `Not found: ${path}`, { resourceId: path, resourceType: 'SERVICE_ACCOUNT' });
    if (!res.ok)
      throw new AwsError(
        500,
        'InternalServerException',
        `workspace Grafana answered ${res.status} to ${method} ${path}: ${text.slice(0, 200)}`,
      );
    return text ? JSON.parse(text) : {};
  }
}

function re(path: string): RegExp {
  return new RegExp(`^${path}$`);
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { 'content-type': 'application/json', 'x-amzn-requestid': requestId() });
  res.end(JSON.stringify(reply.body));
}

function requestId(): string {
  return crypto.randomUUID();
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
