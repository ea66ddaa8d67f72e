import { generateToken, hashToken } from '../auth.js';
import { fail, generateUid, objectBody, str, type OrgRole, type RequestContext, type Router } from '../http.js';
import type { Store } from '../store.js';

interface ServiceAccountRow {
  id: number;
  uid: string;
  name: string;
  login: string;
  role: OrgRole;
  is_disabled: number;
  created: string;
}

const ROLES: OrgRole[] = ['None', 'Viewer', 'Editor', 'Admin'];

function requireAccount(db: Store, id: string): ServiceAccountRow {
  const row = db.prepare('SELECT * FROM service_accounts WHERE id = ?').get(Number(id)) as ServiceAccountRow | undefined;
  // pkg/services/serviceaccounts/errors.go ErrServiceAccountNotFound
  return row ?? fail(404, 'service account not found', { messageId: 'serviceaccounts.ErrNotFound' });
}

function tokenCount(db: Store, id: number): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM tokens WHERE service_account_id = ?').get(id) as { n: number }).n;
}

/** pkg/services/serviceaccounts/api: the DTO of one service account. */
function accountDto(db: Store, row: ServiceAccountRow): Record<string, unknown> {
  return {
    id: row.id,
    uid: row.uid,
    name: row.name,
    login: row.login,
    orgId: 1,
    isDisabled: row.is_disabled === 1,
    role: row.role,
    tokens: tokenCount(db, row.id),
    avatarUrl: '/avatar/abc',
    accessControl: {},
    isExternal: false,
  };
}

function readRole(value: unknown, fallback: OrgRole): OrgRole {
  if (value === undefined) return fallback;
  if (!ROLES.includes(value as OrgRole)) fail(400, 'invalid role value', { messageId: 'serviceaccounts.ErrInvalidRole' });
  return value as OrgRole;
}

/** Creates a service account; used by the API and by the AMG control-plane channel (the bootstrap token). */
export function createServiceAccount(ctx: RequestContext, body: Record<string, unknown>): ServiceAccountRow {
  const name = (str(body.name) ?? '').trim();
  if (!name) fail(400, 'required value Name must not be empty', { messageId: 'serviceaccounts.ErrNameEmpty' });
  // pkg/services/serviceaccounts/database: the name (and its login) are unique in the org
  if (ctx.db.prepare('SELECT 1 FROM service_accounts WHERE name = ?').get(name)) {
    fail(409, 'service account already exists', { messageId: 'serviceaccounts.ErrAlreadyExists' });
  }
  const role = readRole(body.role, 'Viewer');
  const login = `sa-1-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const info = ctx.db
    .prepare('INSERT INTO service_accounts (uid, name, login, role, is_disabled, created) VALUES (?, ?, ?, ?, ?, ?)')
    .run(generateUid(), name, login, role, body.isDisabled === true ? 1 : 0, ctx.now());
  return ctx.db.prepare('SELECT * FROM service_accounts WHERE id = ?').get(info.lastInsertRowid) as ServiceAccountRow;
}

/**
 * pkg/services/serviceaccounts/api/api.go and token.go. With --amg these are reachable only through the
 * stand-in's bootstrap token, the channel the AMG control-plane stand-in uses (AMG creates them via its control plane).
 */
export function registerServiceAccountRoutes(router: Router): void {
  const amgGate = (ctx: RequestContext): void => {
    if (ctx.amg && ctx.identity.login !== 'sa-grafana-double-bootstrap') {
      fail(403, 'service accounts are managed through the Amazon Managed Grafana control plane (grafana-double --amg)');
    }
  };

  router.add(
    'POST',
    '/api/serviceaccounts',
    'Admin',
    (ctx) => {
      amgGate(ctx);
      return { status: 201, body: accountDto(ctx.db, createServiceAccount(ctx, objectBody(ctx))) };
    },
    'serviceaccounts:create',
  );

  router.add(
    'GET',
    '/api/serviceaccounts/search',
    'Admin',
    (ctx) => {
      const perPage = Math.max(1, Number(ctx.query.get('perpage') ?? 1000) || 1000);
      const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1);
      const query = `%${ctx.query.get('query') ?? ''}%`;
      const rows = ctx.db
        .prepare('SELECT * FROM service_accounts WHERE name LIKE ? OR login LIKE ? ORDER BY name')
        .all(query, query) as ServiceAccountRow[];
      return {
        status: 200,
        body: {
          totalCount: rows.length,
          serviceAccounts: rows.slice((page - 1) * perPage, page * perPage).map((row) => accountDto(ctx.db, row)),
          page,
          perPage,
        },
      };
    },
    'serviceaccounts:read',
  );

  router.add(
    'GET',
    '/api/serviceaccounts/:id',
    'Admin',
    (ctx) => ({ status: 200, body: accountDto(ctx.db, requireAccount(ctx.db, ctx.params.id!)) }),
    'serviceaccounts:read',
  );

  router.add(
    'PATCH',
    '/api/serviceaccounts/:id',
    'Admin',
    (ctx) => {
      amgGate(ctx);
      const row = requireAccount(ctx.db, ctx.params.id!);
      const body = objectBody(ctx);
      const name = str(body.name)?.trim() || row.name;
      const role = readRole(body.role, row.role);
      const disabled = typeof body.isDisabled === 'boolean' ? (body.isDisabled ? 1 : 0) : row.is_disabled;
      ctx.db.prepare('UPDATE service_accounts SET name = ?, role = ?, is_disabled = ? WHERE id = ?').run(name, role, disabled, row.id);
      const updated = requireAccount(ctx.db, String(row.id));
      return {
        status: 200,
        body: { id: updated.id, name: updated.name, message: 'Service account updated', serviceaccount: accountDto(ctx.db, updated) },
      };
    },
    'serviceaccounts:write',
  );

  router.add(
    'DELETE',
    '/api/serviceaccounts/:id',
    'Admin',
    (ctx) => {
      amgGate(ctx);
      const row = requireAccount(ctx.db, ctx.params.id!);
      ctx.db.prepare('DELETE FROM tokens WHERE service_account_id = ?').run(row.id);
      ctx.db.prepare('DELETE FROM service_accounts WHERE id = ?').run(row.id);
      return { status: 200, body: { message: 'Service account deleted' } };
    },
    'serviceaccounts:delete',
  );

  router.add(
    'GET',
    '/api/serviceaccounts/:id/tokens',
    'Admin',
    (ctx) => {
      const row = requireAccount(ctx.db, ctx.params.id!);
      const tokens = ctx.db.prepare('SELECT * FROM tokens WHERE service_account_id = ? ORDER BY id').all(row.id) as {
        id: number;
        name: string;
        created: string;
        expires: string | null;
        last_used: string | null;
      }[];
      const now = Date.now();
      return {
        status: 200,
        body: tokens.map((token) => ({
          id: token.id,
          name: token.name,
          created: token.created,
          lastUsedAt: token.last_used,
          expiration: token.expires,
          secondsUntilExpiration: token.expires ? Math.max(0, (Date.parse(token.expires) - now) / 1000) : 0,
          hasExpired: token.expires ? Date.parse(token.expires) <= now : false,
          isRevoked: false,
        })),
      };
    },
    'serviceaccounts:read',
  );

  // pkg/services/serviceaccounts/api/token.go CreateToken: the key is shown once
  router.add(
    'POST',
    '/api/serviceaccounts/:id/tokens',
    'Admin',
    (ctx) => {
      amgGate(ctx);
      const row = requireAccount(ctx.db, ctx.params.id!);
      const body = objectBody(ctx);
      const name = (str(body.name) ?? '').trim();
      if (!name) fail(400, 'token name is required');
      if (ctx.db.prepare('SELECT 1 FROM tokens WHERE service_account_id = ? AND name = ?').get(row.id, name)) {
        fail(409, 'service account token with given name already exists in the organization', {
          messageId: 'serviceaccounts.ErrTokenAlreadyExists',
        });
      }
      const secondsToLive = Number(body.secondsToLive ?? 0);
      if (!Number.isFinite(secondsToLive) || secondsToLive < 0) fail(400, 'the secondsToLive value must be positive');
      const key = generateToken();
      const expires = secondsToLive > 0 ? new Date(Date.now() + secondsToLive * 1000).toISOString() : null;
      const info = ctx.db
        .prepare('INSERT INTO tokens (service_account_id, name, key_hash, created, expires) VALUES (?, ?, ?, ?, ?)')
        .run(row.id, name, hashToken(key), ctx.now(), expires);
      return { status: 200, body: { id: Number(info.lastInsertRowid), name, key } };
    },
    'serviceaccounts:write',
  );

  router.add(
    'DELETE',
    '/api/serviceaccounts/:id/tokens/:tokenId',
    'Admin',
    (ctx) => {
      amgGate(ctx);
      const row = requireAccount(ctx.db, ctx.params.id!);
      const deleted = ctx.db.prepare('DELETE FROM tokens WHERE id = ? AND service_account_id = ?').run(Number(ctx.params.tokenId), row.id);
      if (deleted.changes === 0) fail(404, 'service account token not found', { messageId: 'serviceaccounts.ErrTokenNotFound' });
      return { status: 200, body: { message: 'Service account token deleted' } };
    },
    'serviceaccounts:write',
  );
}
