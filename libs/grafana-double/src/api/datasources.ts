import { fail, generateUid, objectBody, str, uidProblem, type RequestContext, type Router } from '../http.js';
import type { Store } from '../store.js';

interface DataSourceRow {
  id: number;
  uid: string;
  name: string;
  data: string;
  secure: string;
  version: number;
  read_only: number;
}

/** The plain (non-secret) fields Grafana stores for a data source. */
interface DataSourceData {
  type: string;
  access: string;
  url: string;
  user: string;
  database: string;
  basicAuth: boolean;
  basicAuthUser: string;
  withCredentials: boolean;
  isDefault: boolean;
  jsonData: Record<string, unknown>;
}

function getByUid(db: Store, uid: string): DataSourceRow | undefined {
  return db.prepare('SELECT * FROM datasources WHERE uid = ?').get(uid) as DataSourceRow | undefined;
}

export function dataSourceExists(db: Store, uid: string): boolean {
  return getByUid(db, uid) !== undefined;
}

/** What a query needs of a data source: where it is and its settings (secrets stay in the store). */
export interface QueryableDataSource {
  readonly uid: string;
  readonly type: string;
  readonly url: string;
  readonly jsonData: Record<string, unknown>;
}

export function dataSourceForQuery(db: Store, uid: string): QueryableDataSource | undefined {
  const row = getByUid(db, uid);
  if (!row) return undefined;
  const data = JSON.parse(row.data) as DataSourceData;
  return { uid: row.uid, type: data.type, url: data.url, jsonData: data.jsonData ?? {} };
}

// pkg/api/datasources.go: datasources.ErrDataSourceNotFound -> 404 "Data source not found"
function requireByUid(db: Store, uid: string): DataSourceRow {
  return getByUid(db, uid) ?? fail(404, 'Data source not found');
}

/** pkg/api/datasources.go convertModelToDtos: secureJsonFields say which secrets are set, never their values. */
function fullDto(row: DataSourceRow): Record<string, unknown> {
  const data = JSON.parse(row.data) as DataSourceData;
  const secure = JSON.parse(row.secure) as Record<string, string>;
  const secureJsonFields: Record<string, boolean> = {};
  for (const [key, value] of Object.entries(secure)) if (value.length > 0) secureJsonFields[key] = true;
  return {
    id: row.id,
    uid: row.uid,
    orgId: 1,
    name: row.name,
    type: data.type,
    typeLogoUrl: `public/app/plugins/datasource/${data.type}/img/logo.svg`,
    access: data.access,
    url: data.url,
    user: data.user,
    database: data.database,
    basicAuth: data.basicAuth,
    basicAuthUser: data.basicAuthUser,
    withCredentials: data.withCredentials,
    isDefault: data.isDefault,
    jsonData: data.jsonData,
    secureJsonFields,
    version: row.version,
    readOnly: row.read_only === 1,
  };
}

function listDto(row: DataSourceRow): Record<string, unknown> {
  const full = fullDto(row);
  return {
    id: full.id,
    uid: full.uid,
    orgId: 1,
    name: full.name,
    type: full.type,
    typeName: full.type,
    typeLogoUrl: full.typeLogoUrl,
    access: full.access,
    url: full.url,
    user: full.user,
    database: full.database,
    basicAuth: full.basicAuth,
    isDefault: full.isDefault,
    jsonData: full.jsonData,
    readOnly: full.readOnly,
  };
}

function readData(body: Record<string, unknown>): DataSourceData {
  const type = str(body.type) ?? '';
  // pkg/api/dtos AddDataSourceCommand binding: name and type are required
  if (!type) fail(400, 'bad request data', { messageId: 'datasource.type.required' });
  const url = str(body.url) ?? '';
  // pkg/api/datasource/validation.go ValidateURL: an URL that does not parse is 400
  if (url && !URL.canParse(url) && !URL.canParse(`http://${url}`)) fail(400, `Validation error, invalid URL: "${url}"`);
  const jsonData = body.jsonData;
  return {
    type,
    access: str(body.access) || 'proxy',
    url,
    user: str(body.user) ?? '',
    database: str(body.database) ?? '',
    basicAuth: body.basicAuth === true,
    basicAuthUser: str(body.basicAuthUser) ?? '',
    withCredentials: body.withCredentials === true,
    isDefault: body.isDefault === true,
    jsonData: jsonData && typeof jsonData === 'object' && !Array.isArray(jsonData) ? (jsonData as Record<string, unknown>) : {},
  };
}

function readSecure(body: Record<string, unknown>): Record<string, string> {
  const secure = body.secureJsonData;
  if (!secure || typeof secure !== 'object' || Array.isArray(secure)) return {};
  return Object.fromEntries(Object.entries(secure).map(([key, value]) => [key, typeof value === 'string' ? value : String(value)]));
}

function checkName(ctx: RequestContext, name: string, exceptUid: string, prefix = ''): void {
  if (!name.trim()) fail(400, 'bad request data', { messageId: 'datasource.name.required' });
  // pkg/services/datasources/errors.go ErrDataSourceNameExists; pkg/api/datasources.go prefixes it on update
  if (ctx.db.prepare('SELECT 1 FROM datasources WHERE name = ? AND uid != ?').get(name, exceptUid)) {
    fail(409, `${prefix}data source with the same name already exists`);
  }
}

function clearOtherDefaults(ctx: RequestContext, data: DataSourceData, uid: string): void {
  if (!data.isDefault) return;
  // sqlstore updateIsDefaultFlag: only one default data source per org
  for (const row of ctx.db.prepare('SELECT * FROM datasources WHERE uid != ?').all(uid) as DataSourceRow[]) {
    const other = JSON.parse(row.data) as DataSourceData;
    if (other.isDefault)
      ctx.db.prepare('UPDATE datasources SET data = ? WHERE uid = ?').run(JSON.stringify({ ...other, isDefault: false }), row.uid);
  }
}

/** Creates a data source as POST /api/datasources does; readOnly marks a file-provisioned one. */
export function addDataSource(ctx: RequestContext, body: Record<string, unknown>, readOnly = false): DataSourceRow {
  const name = str(body.name) ?? '';
  checkName(ctx, name, '');
  const data = readData(body);
  const uid = str(body.uid) || generateUid();
  const problem = uidProblem(uid);
  // pkg/services/datasources/service: util.ValidateUID -> 400
  if (problem) fail(400, `Failed to add datasource: ${problem}`);
  // pkg/services/datasources/errors.go ErrDataSourceUidExists
  if (getByUid(ctx.db, uid)) fail(409, 'data source with the same uid already exists');
  // Unknown plugin types are accepted: the source says "Ignore non-existing plugins for the time being" (pkg/services/datasources/service prepareInstanceSettings).
  clearOtherDefaults(ctx, data, uid);
  ctx.db
    .prepare('INSERT INTO datasources (uid, name, data, secure, version, read_only) VALUES (?, ?, ?, ?, 1, ?)')
    .run(uid, name, JSON.stringify(data), JSON.stringify(readSecure(body)), readOnly ? 1 : 0);
  return getByUid(ctx.db, uid)!;
}

export function registerDataSourceRoutes(router: Router): void {
  // pkg/api/datasources.go GetDataSources: all of them, ordered by name
  router.add(
    'GET',
    '/api/datasources',
    'Admin',
    (ctx) => ({
      status: 200,
      body: (ctx.db.prepare('SELECT * FROM datasources ORDER BY name COLLATE NOCASE').all() as DataSourceRow[]).map(listDto),
    }),
    'datasources:read',
  );
  router.add(
    'GET',
    '/api/datasources/uid/:uid',
    'Admin',
    (ctx) => ({ status: 200, body: fullDto(requireByUid(ctx.db, ctx.params.uid!)) }),
    'datasources:read',
  );
  router.add(
    'GET',
    '/api/datasources/name/:name',
    'Admin',
    (ctx) => {
      const row = ctx.db.prepare('SELECT * FROM datasources WHERE name = ?').get(ctx.params.name) as DataSourceRow | undefined;
      return { status: 200, body: fullDto(row ?? fail(404, 'Data source not found')) };
    },
    'datasources:read',
  );

  // pkg/api/datasources.go AddDataSource
  router.add(
    'POST',
    '/api/datasources',
    'Admin',
    (ctx) => {
      const row = addDataSource(ctx, objectBody(ctx));
      return { status: 200, body: { datasource: fullDto(row), id: row.id, message: 'Datasource added', name: row.name } };
    },
    'datasources:create',
  );

  // pkg/api/datasources.go UpdateDataSourceByUID + fillWithSecureJSONData: omitted secure keys keep their stored value
  router.add(
    'PUT',
    '/api/datasources/uid/:uid',
    'Admin',
    (ctx) => {
      const body = objectBody(ctx);
      const row = requireByUid(ctx.db, ctx.params.uid!);
      if (row.read_only) fail(403, 'Cannot update read-only data source');
      const name = str(body.name) ?? '';
      checkName(ctx, name, row.uid, 'Failed to update datasource: ');
      // sqlstore UpdateDataSource: a non-zero version may not be older than the stored one (newer is allowed, to force)
      const sentVersion = typeof body.version === 'number' ? body.version : 0;
      if (sentVersion !== 0 && sentVersion < row.version)
        fail(409, 'Datasource has already been updated by someone else. Please reload and try again');
      const data = readData(body);
      const secure = { ...(JSON.parse(row.secure) as Record<string, string>), ...readSecure(body) };
      clearOtherDefaults(ctx, data, row.uid);
      ctx.db
        .prepare('UPDATE datasources SET name = ?, data = ?, secure = ?, version = ? WHERE uid = ?')
        // sqlstore UpdateDataSource stores cmd.Version + 1 when a version is sent; without one the stand-in counts up
        .run(name, JSON.stringify(data), JSON.stringify(secure), sentVersion !== 0 ? sentVersion + 1 : row.version + 1, row.uid);
      const updated = getByUid(ctx.db, row.uid)!;
      return { status: 200, body: { datasource: fullDto(updated), id: updated.id, message: 'Datasource updated', name: updated.name } };
    },
    'datasources:write',
  );

  // pkg/api/datasources.go DeleteDataSourceByUID
  router.add(
    'DELETE',
    '/api/datasources/uid/:uid',
    'Admin',
    (ctx) => {
      const row = requireByUid(ctx.db, ctx.params.uid!);
      if (row.read_only) fail(403, 'Cannot delete read-only data source');
      ctx.db.prepare('DELETE FROM datasources WHERE uid = ?').run(row.uid);
      return { status: 200, body: { id: row.id, message: 'Data source deleted' } };
    },
    'datasources:delete',
  );

  // pkg/api/plugins.go CheckHealth: the plugin must exist; the stand-in cannot reach a real backend
  router.add(
    'GET',
    '/api/datasources/uid/:uid/health',
    'Viewer',
    (ctx) => {
      const row = requireByUid(ctx.db, ctx.params.uid!);
      const type = (JSON.parse(row.data) as DataSourceData).type;
      if (!ctx.version.plugins.includes(type)) fail(404, 'Plugin not found');
      return { status: 200, body: { status: 'OK', message: 'grafana-double: health is not checked by the stand-in' } };
    },
    'datasources:query',
  );
}
