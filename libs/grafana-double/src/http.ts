import type { IncomingMessage } from 'node:http';
import type { ImitatedVersion } from './version.js';
import type { Store } from './store.js';

export type OrgRole = 'Viewer' | 'Editor' | 'Admin' | 'None';

/** Who made a request, resolved from basic auth or a bearer token. */
export interface Identity {
  kind: 'user' | 'serviceAccount';
  id: number;
  login: string;
  name: string;
  role: OrgRole;
  isGrafanaAdmin: boolean;
}

export interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  identity: Identity;
  db: Store;
  version: ImitatedVersion;
  amg: boolean;
  now: () => string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** An error answered with Grafana's status and JSON body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message ?? status));
  }
}

export function fail(status: number, message: string, extra: Record<string, unknown> = {}): never {
  throw new HttpError(status, { message, ...extra });
}

export type Handler = (ctx: RequestContext) => Reply;
/** A handler that waits on something outside the store (a data source); it never writes. */
export type AsyncHandler = (ctx: RequestContext) => Promise<Reply>;

export interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  /** Lowest org role that may call it; 'public' needs no authentication. */
  role: OrgRole | 'public' | 'signedIn';
  /** Grafana RBAC action named in the 403 body. */
  action?: string;
  handler: Handler;
  /** Set for routes that read outside the store: awaited, outside any transaction. */
  asyncHandler?: AsyncHandler;
}

/** Builds routes from Express-like paths ("/api/folders/:uid"). */
export class Router {
  readonly routes: Route[] = [];

  add(method: string, path: string, role: Route['role'], handler: Handler, action?: string): this {
    const keys: string[] = [];
    const source = path.replace(/:([A-Za-z_]+)/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), keys, role, handler, action });
    return this;
  }

  /** A route whose handler awaits something outside the store (e.g. /api/ds/query calling a data source). */
  addAsync(method: string, path: string, role: Route['role'], handler: AsyncHandler, action?: string): this {
    this.add(method, path, role, () => fail(500, 'async route called synchronously'), action);
    this.routes[this.routes.length - 1]!.asyncHandler = handler;
    return this;
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | { pathKnown: boolean } {
    let pathKnown = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      pathKnown = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(found[i + 1]!)));
      return { route, params };
    }
    return { pathKnown };
  }
}

/** JSON object fields as they arrive, without trusting their types. */
export function objectBody(ctx: RequestContext): Record<string, unknown> {
  const body = ctx.body;
  // pkg/web binding: a body that is not a JSON object is "bad request data"
  if (body === null || typeof body !== 'object' || Array.isArray(body)) fail(400, 'bad request data');
  return body as Record<string, unknown>;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function slugify(title: string): string {
  // pkg/infra/slugify: lower-case, non-alphanumerics collapse to "-"
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const SHORT_UID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** util.GenerateShortUID: 14 characters starting with a letter. */
export function generateUid(): string {
  let uid = SHORT_UID_ALPHABET[Math.floor(Math.random() * 26)]!;
  while (uid.length < 14) uid += SHORT_UID_ALPHABET[Math.floor(Math.random() * SHORT_UID_ALPHABET.length)];
  return uid;
}

/** pkg/util/shortid_generator.go IsValidShortUID + MaxUIDLength 40. */
export function uidProblem(uid: string): string | undefined {
  if (!/^[a-zA-Z0-9\-_]*$/.test(uid)) return 'uid contains illegal characters';
  if (uid.length > 40) return 'uid too long, max 40 characters';
  return undefined;
}

export const ROLE_RANK: Record<OrgRole, number> = { None: 0, Viewer: 1, Editor: 2, Admin: 3 };
