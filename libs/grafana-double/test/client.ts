// A small HTTP client for the stand-in's own tests.
export type Credentials = { basic: [string, string] } | { token: string } | 'none';

export const ADMIN: Credentials = { basic: ['admin', 'admin'] };

export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  credentials: Credentials = ADMIN,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const all: Record<string, string> = { ...headers };
  if (credentials !== 'none') {
    all.authorization =
      'basic' in credentials ? `Basic ${Buffer.from(credentials.basic.join(':')).toString('base64')}` : `Bearer ${credentials.token}`;
  }
  if (body !== undefined) all['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** A client bound to one stand-in URL and one set of credentials. */
export function client(baseUrl: string, credentials: Credentials = ADMIN) {
  return {
    get: (path: string, headers?: Record<string, string>) => call(baseUrl, 'GET', path, undefined, credentials, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call(baseUrl, 'POST', path, body ?? {}, credentials, headers),
    put: (path: string, body?: unknown, headers?: Record<string, string>) => call(baseUrl, 'PUT', path, body ?? {}, credentials, headers),
    patch: (path: string, body?: unknown) => call(baseUrl, 'PATCH', path, body ?? {}, credentials),
    delete: (path: string) => call(baseUrl, 'DELETE', path, undefined, credentials),
  };
}

/** Creates a service account with a role and returns a token for it. */
export async function tokenWithRole(
  baseUrl: string,
  role: 'Viewer' | 'Editor' | 'Admin' | 'None',
  name = `sa-${role}-${Math.random().toString(36).slice(2, 8)}`,
): Promise<string> {
  const admin = client(baseUrl);
  const account = await admin.post('/api/serviceaccounts', { name, role });
  if (account.status !== 201) throw new Error(`creating service account: ${account.status} ${JSON.stringify(account.body)}`);
  const token = await admin.post(`/api/serviceaccounts/${account.body.id}/tokens`, { name: 'test' });
  if (token.status !== 200) throw new Error(`creating token: ${token.status} ${JSON.stringify(token.body)}`);
  return token.body.key as string;
}
