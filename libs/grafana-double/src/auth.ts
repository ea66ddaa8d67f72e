import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError, type Identity, type OrgRole } from './http.js';
import type { Store } from './store.js';

export interface AuthSettings {
  /** Basic auth for the admin user; off with --amg. */
  basicAuth: boolean;
  adminUser: string;
  adminPassword: string;
  /** Stand-in only: a token with Admin rights in org 1 that exists from start (the AMG control-plane channel). */
  bootstrapToken?: string;
}

export const ADMIN_IDENTITY: Identity = { kind: 'user', id: 1, login: 'admin', name: '', role: 'Admin', isGrafanaAdmin: true };

// pkg/services/authn errors are errutil errors: {extra, message, messageId, statusCode, traceID}.
function unauthorized(message: string, messageId: string): HttpError {
  return new HttpError(401, { extra: null, message, messageId, statusCode: 401, traceID: '' });
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A service account token in Grafana's format: glsa_<32 alphanumerics>_<8 hex checksum>. */
export function generateToken(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const secret = Array.from(randomBytes(32), (b) => alphabet[b % alphabet.length]).join('');
  const checksum = createHash('sha256').update(`glsa_${secret}`).digest('hex').slice(0, 8);
  return `glsa_${secret}_${checksum}`;
}

/** Resolves the caller; throws Grafana's 401 when credentials are missing or wrong. */
export function authenticate(headers: IncomingMessage['headers'], db: Store, settings: AuthSettings, now: Date): Identity {
  const header = headers.authorization ?? '';
  const [scheme = '', credentials = ''] = header.split(/\s+/, 2);
  if (scheme.toLowerCase() === 'basic' && settings.basicAuth) {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    const user = decoded.slice(0, separator);
    const password = decoded.slice(separator + 1);
    // pkg/services/authn/clients/basic.go + password.go: a wrong user or password is one message
    if (separator < 0 || user !== settings.adminUser || password !== settings.adminPassword) {
      throw unauthorized('Invalid username or password', 'password-auth.failed');
    }
    return ADMIN_IDENTITY;
  }
  if (scheme.toLowerCase() === 'bearer' && credentials) {
    if (settings.bootstrapToken && credentials === settings.bootstrapToken) {
      return {
        kind: 'serviceAccount',
        id: 0,
        login: 'sa-grafana-double-bootstrap',
        name: 'grafana-double-bootstrap',
        role: 'Admin',
        isGrafanaAdmin: false,
      };
    }
    // pkg/services/authn/clients/api_key.go: unknown, expired or disabled keys are 401 with their messageId
    const row = db
      .prepare(
        `SELECT t.id AS tokenId, t.expires, s.id, s.login, s.name, s.role, s.is_disabled AS disabled
         FROM tokens t JOIN service_accounts s ON s.id = t.service_account_id WHERE t.key_hash = ?`,
      )
      .get(hashToken(credentials)) as
      { tokenId: number; expires: string | null; id: number; login: string; name: string; role: OrgRole; disabled: number } | undefined;
    if (!row) throw unauthorized('Invalid API key', 'api-key.invalid');
    if (row.expires && Date.parse(row.expires) <= now.getTime()) throw unauthorized('API key has expired', 'api-key.expired');
    if (row.disabled) throw unauthorized('API key is disabled', 'api-key.disabled');
    db.prepare('UPDATE tokens SET last_used = ? WHERE id = ?').run(now.toISOString(), row.tokenId);
    return { kind: 'serviceAccount', id: row.id, login: row.login, name: row.name, role: row.role, isGrafanaAdmin: false };
  }
  // pkg/services/authn/authnimpl: no client could authenticate the request
  throw unauthorized('Unauthorized', 'auth.unauthorized');
}

/** pkg/services/accesscontrol/middleware.go deny(): the 403 body names the missing permission. */
export function accessDenied(action: string): HttpError {
  const id = `ACE${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
  return new HttpError(403, {
    accessErrorId: id,
    message: `You'll need additional permissions to perform this action. Permissions needed: ${action}`,
    title: 'Access denied',
  });
}
