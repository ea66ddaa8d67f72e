import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { authenticate, accessDenied, type AuthSettings } from './auth.js';
import { FaultPlan, type FaultKind } from './faults.js';
import { HttpError, ROLE_RANK, Router, type Identity, type Reply, type RequestContext } from './http.js';
import { openStore, type Store } from './store.js';
import { imitatedVersion, type ImitatedVersion } from './version.js';
import { registerAlertingRoutes, seedAlerting } from './api/alerting.js';
import { registerApisRoutes } from './api/apis.js';
import { registerDashboardRoutes } from './api/dashboards.js';
import { registerDataSourceRoutes } from './api/datasources.js';
import { registerDoubleRoutes } from './api/double.js';
import type { DoubleRequest } from './request-record.js';
import { registerDsQueryRoutes } from './api/ds-query.js';
import { registerFolderRoutes } from './api/folders.js';
import { registerInstanceRoutes } from './api/instance.js';
import { registerSearchRoutes } from './api/search.js';
import { registerServiceAccountRoutes } from './api/serviceaccounts.js';

export interface DoubleServerOptions {
  dataDir: string;
  grafanaVersion: string;
  amg: boolean;
  nestedFolders?: boolean;
  faults: number;
  seed: number;
  bootstrapToken?: string;
  /** Added to every API answer: the round trip to a Grafana across a network (benchmarks). */
  latencyMs?: number;
}

export interface DoubleServer {
  server: Server;
  db: Store;
  version: ImitatedVersion;
  close(): Promise<void>;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload = '';
  if (reply.body !== undefined) {
    payload = typeof reply.body === 'string' && headers['content-type'] ? reply.body : JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json';
  }
  response.writeHead(reply.status, headers);
  response.end(payload);
}

export function createDoubleServer(options: DoubleServerOptions): DoubleServer {
  const version = imitatedVersion(options.grafanaVersion, { nestedFolders: options.nestedFolders });
  const db = openStore(options.dataDir);
  seedAlerting(db);
  const auth: AuthSettings = {
    basicAuth: !options.amg,
    adminUser: 'admin',
    adminPassword: 'admin',
    bootstrapToken: options.bootstrapToken,
  };
  const faults = new FaultPlan(options.faults, options.seed);
  const log: DoubleRequest[] = [];

  const router = new Router();
  registerInstanceRoutes(router);
  registerFolderRoutes(router);
  registerDashboardRoutes(router);
  registerSearchRoutes(router);
  registerDataSourceRoutes(router);
  registerDsQueryRoutes(router);
  registerAlertingRoutes(router);
  registerServiceAccountRoutes(router);
  if (version.apisVersion) registerApisRoutes(router, version.apisVersion);
  const doubleRouter = new Router();
  registerDoubleRoutes(doubleRouter, log);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://double');
    const method = (request.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const isDouble = path.startsWith('/__double/');
    const raw = await readBody(request);
    if (options.latencyMs && !isDouble) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));

    const fault: FaultKind | undefined = isDouble ? undefined : faults.next(WRITE_METHODS.has(method));
    const record = (status: number, wrote: boolean): void => {
      if (!isDouble) log.push({ method, path, status, wrote, ...(fault ? { fault } : {}) });
    };
    if (fault === 'reset') {
      record(0, false);
      request.socket.destroy();
      return;
    }
    if (fault === '429' || fault === '502' || fault === '503') {
      const reply: Reply =
        fault === '429'
          ? { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too Many Requests' } }
          : { status: Number(fault), body: { message: fault === '502' ? 'Bad Gateway' : 'Service Unavailable' } };
      record(reply.status, false);
      send(response, reply);
      return;
    }

    let wrote = false;
    let reply: Reply;
    try {
      let body: unknown = undefined;
      if (raw.trim()) {
        try {
          body = JSON.parse(raw);
        } catch {
          // pkg/web binding: malformed JSON is "bad request data"
          throw new HttpError(400, { message: 'bad request data' });
        }
      }
      const found = (isDouble ? doubleRouter : router).match(method, path);
      if (!('route' in found)) {
        throw found.pathKnown ? new HttpError(405, { message: 'Method Not Allowed' }) : new HttpError(404, { message: 'Not found' });
      }
      const { route, params } = found;
      let identity: Identity = { kind: 'user', id: 0, login: '', name: '', role: 'None', isGrafanaAdmin: false };
      if (route.role !== 'public') {
        identity = authenticate(request.headers, db, auth, new Date());
        if (route.role !== 'signedIn' && ROLE_RANK[identity.role] < ROLE_RANK[route.role]) {
          throw accessDenied(route.action ?? `${route.role.toLowerCase()} role`);
        }
      }
      const ctx: RequestContext = {
        method,
        path,
        params,
        query: url.searchParams,
        headers: request.headers,
        body,
        identity,
        db,
        version,
        amg: options.amg,
        now: () => new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      };
      if (route.asyncHandler) {
        reply = await route.asyncHandler(ctx);
      } else if (WRITE_METHODS.has(method)) {
        // every write is one SQLite transaction: an error rolls it back, a reply means it committed
        reply = db.transaction(() => route.handler(ctx))();
        wrote = reply.status < 400 && !isDouble;
      } else {
        reply = route.handler(ctx);
      }
    } catch (error) {
      if (error instanceof HttpError) reply = { status: error.status, body: error.body };
      else {
        console.error(error);
        reply = { status: 500, body: { message: 'Internal Server Error' } };
      }
    }
    if (fault === 'after-commit' && wrote) {
      // the write committed, but the client hears a 5xx: naive retries create duplicates
      reply = { status: 502, body: { message: 'Bad Gateway' } };
    }
    record(reply.status, wrote);
    send(response, reply);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) send(response, { status: 500, body: { message: 'Internal Server Error' } });
    });
  });

  return {
    server,
    db,
    version,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
