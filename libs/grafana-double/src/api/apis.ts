import { createHash } from 'node:crypto';
import { HttpError, fail, generateUid, type Handler, type RequestContext, type Router } from '../http.js';
import { getMeta } from '../store.js';
import { deleteDashboard, getDashboard, saveDashboard, type DashboardRow } from './dashboards.js';
import { createFolder, deleteFolderTree, getFolder, updateFolderRow, type FolderRow } from './folders.js';

// pkg/apimachinery/utils/meta.go annotation keys
const ANNOTATION_FOLDER = 'grafana.app/folder';
const ANNOTATION_MESSAGE = 'grafana.app/message';
const ANNOTATION_CREATED_BY = 'grafana.app/createdBy';
const ANNOTATION_UPDATED_BY = 'grafana.app/updatedBy';
const ANNOTATION_UPDATED_TIMESTAMP = 'grafana.app/updatedTimestamp';
/** Annotations Grafana computes from the stored row rather than keeping as given. */
const COMPUTED = new Set([
  ANNOTATION_FOLDER,
  ANNOTATION_MESSAGE,
  ANNOTATION_CREATED_BY,
  ANNOTATION_UPDATED_BY,
  ANNOTATION_UPDATED_TIMESTAMP,
]);

const ANNOTATION_MANAGED_BY = 'grafana.app/managedBy';
const ANNOTATION_MANAGER_ID = 'grafana.app/managerId';

type Kind = { group: string; resource: string; kind: string };
const DASHBOARDS: Kind = { group: 'dashboard.grafana.app', resource: 'dashboards', kind: 'Dashboard' };
const FOLDERS: Kind = { group: 'folder.grafana.app', resource: 'folders', kind: 'Folder' };

/** A Kubernetes metav1.Status failure, as the apiserver under /apis answers errors. */
function status(code: number, reason: string, message: string, kind: Kind, name?: string): HttpError {
  return new HttpError(code, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    details: { ...(name ? { name } : {}), group: kind.group, kind: kind.resource },
    code,
  });
}

const REASONS: Record<number, string> = { 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 412: 'Conflict' };

/** Legacy-style errors from the shared save path become Status objects; 412s are conflicts in k8s terms. */
function asStatus(kind: Kind, name: string | undefined, handler: Handler): Handler {
  return (ctx) => {
    try {
      return handler(ctx);
    } catch (error) {
      if (!(error instanceof HttpError) || error.body.kind === 'Status') throw error;
      const code = error.status === 412 ? 409 : error.status;
      const reason = typeof error.body.reason === 'string' ? error.body.reason : (REASONS[code] ?? 'InternalError');
      throw status(code, reason, String(error.body.message), kind, name ?? ctx.params.name);
    }
  };
}

function forbidden(kind: Kind, name: string, message: string): HttpError {
  return status(403, 'Forbidden', message, kind, name);
}

/**
 * pkg/storage/unified/apistore/managed.go checkManagerPropertiesOnCreate/UpdateSpec/Delete, for the callers the stand-in
 * has (users and service accounts, never the provisioning identity). Unknown kinds count as unmanaged (utils.ParseManagerKindString).
 */
function checkManager(
  ctx: RequestContext,
  kind: Kind,
  name: string,
  next: Record<string, string> | undefined,
  previous: Record<string, string> | undefined,
): void {
  const known = new Set(['repo', 'terraform', 'kubectl', 'plugin', 'grafana', 'classic-file-provisioning']);
  const manager = (annotations?: Record<string, string>) => {
    const managedBy = annotations?.[ANNOTATION_MANAGED_BY] ?? '';
    return known.has(managedBy) ? { kind: managedBy, id: annotations?.[ANNOTATION_MANAGER_ID] ?? '' } : undefined;
  };
  const now = manager(next);
  const before = manager(previous);
  // enforceManagerProperties: only the provisioning service identity may write a repo-managed resource
  // (the answer for anyone else is errResourceIsManagedInRepository; Grafana's status for it is not verified here)
  const repoRefused = () => forbidden(kind, name, 'this resource is managed by a repository');
  if (next === undefined) {
    if (before?.kind === 'repo') throw repoRefused();
    return;
  }
  if (!now && !before) return;
  if (!now && before) {
    // removing a manager: repo-managed resources may be released by an org Admin only
    if (before.kind === 'repo' && ctx.identity.role !== 'Admin' && !ctx.identity.isGrafanaAdmin)
      throw forbidden(kind, name, 'Can not remove resource manager from resource');
    return;
  }
  // utils.NewForbiddenManagerKindChangeError: a 403; its exact wording was not available, so this message is the stand-in's
  if (before && now && now.kind !== before.kind)
    throw forbidden(kind, name, `Cannot change resource manager kind from ${before.kind} to ${now.kind}`);
  if (before && now && now.kind !== 'terraform' && now.kind !== 'classic-file-provisioning' && now.id !== before.id)
    throw forbidden(kind, name, 'Cannot change resource manager identity; remove the existing manager first, then add the new one');
  if (now?.kind === 'repo') throw repoRefused();
}

function k8sUid(kind: Kind, name: string): string {
  const hex = createHash('sha1').update(`${kind.group}/${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function objectMeta(
  kind: Kind,
  row: { uid: string; created: string; updated: string; resource_version: number; annotations: string; labels: string },
  generation: number,
) {
  return {
    name: row.uid,
    namespace: 'default',
    uid: k8sUid(kind, row.uid),
    resourceVersion: String(row.resource_version),
    generation,
    creationTimestamp: row.created,
    labels: JSON.parse(row.labels) as Record<string, string>,
    annotations: JSON.parse(row.annotations) as Record<string, string>,
  };
}

function dashboardObject(ctx: RequestContext, apiVersion: string, row: DashboardRow) {
  const spec = JSON.parse(row.data) as Record<string, unknown>;
  // pkg/registry/apis/dashboard/legacy: id, uid and version live in metadata, not in the spec
  delete spec.id;
  delete spec.uid;
  delete spec.version;
  const metadata = objectMeta(DASHBOARDS, row, row.version);
  const message = (
    ctx.db.prepare('SELECT message FROM dashboard_versions WHERE dashboard_uid = ? ORDER BY version DESC LIMIT 1').get(row.uid) as
      { message: string } | undefined
  )?.message;
  metadata.annotations = {
    ...metadata.annotations,
    [ANNOTATION_CREATED_BY]: `user:${row.created_by}`,
    [ANNOTATION_UPDATED_BY]: `user:${row.updated_by}`,
    [ANNOTATION_UPDATED_TIMESTAMP]: row.updated,
    ...(row.folder_uid ? { [ANNOTATION_FOLDER]: row.folder_uid } : {}),
    ...(message ? { [ANNOTATION_MESSAGE]: message } : {}),
  };
  return { apiVersion: `${DASHBOARDS.group}/${apiVersion}`, kind: DASHBOARDS.kind, metadata, spec, status: {} };
}

function folderObject(apiVersion: string, row: FolderRow) {
  const metadata = objectMeta(FOLDERS, row, row.version);
  metadata.annotations = {
    ...metadata.annotations,
    [ANNOTATION_UPDATED_TIMESTAMP]: row.updated,
    ...(row.parent_uid ? { [ANNOTATION_FOLDER]: row.parent_uid } : {}),
  };
  return {
    apiVersion: `${FOLDERS.group}/${apiVersion}`,
    kind: FOLDERS.kind,
    metadata,
    spec: { title: row.title, ...(row.description ? { description: row.description } : {}) },
    status: {},
  };
}

interface IncomingObject {
  name: string;
  resourceVersion?: number;
  annotations: Record<string, string>;
  labels: Record<string, string>;
  spec: Record<string, unknown>;
}

function readObject(ctx: RequestContext, kind: Kind, forCreate: boolean): IncomingObject {
  const body = ctx.body as { metadata?: Record<string, unknown>; spec?: unknown } | undefined;
  if (!body || typeof body !== 'object' || !body.spec || typeof body.spec !== 'object')
    throw status(400, 'BadRequest', 'the object has no spec', kind);
  const metadata = body.metadata ?? {};
  let name = typeof metadata.name === 'string' ? metadata.name : '';
  if (!name && forCreate && typeof metadata.generateName === 'string') name = `${metadata.generateName}${generateUid().slice(0, 5)}`;
  if (!forCreate && name && name !== ctx.params.name)
    throw status(400, 'BadRequest', 'the name of the object does not match the name on the URL', kind, ctx.params.name);
  name ||= ctx.params.name ?? '';
  if (!name) throw status(400, 'BadRequest', 'name or generateName is required', kind);
  const rv = typeof metadata.resourceVersion === 'string' && metadata.resourceVersion ? Number(metadata.resourceVersion) : undefined;
  const annotations = { ...((metadata.annotations ?? {}) as Record<string, string>) };
  return {
    name,
    resourceVersion: rv,
    annotations,
    labels: { ...((metadata.labels ?? {}) as Record<string, string>) },
    spec: body.spec as Record<string, unknown>,
  };
}

function keptAnnotations(annotations: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(annotations).filter(([key]) => !COMPUTED.has(key)));
}

function matchesLabels(selector: string | null, labels: Record<string, string>): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [key, value] = term.split(/!=|==|=/);
    if (term.includes('!=')) return labels[key!.trim()] !== value?.trim();
    return value === undefined ? key!.trim() in labels : labels[key!.trim()] === value.trim();
  });
}

/** k8s list paging: limit and an opaque continue token (an offset here). */
function page<T>(ctx: RequestContext, items: T[]): { items: T[]; continue?: string } {
  const limit = Number(ctx.query.get('limit') ?? 0);
  const offset = ctx.query.get('continue') ? Number(Buffer.from(ctx.query.get('continue')!, 'base64url').toString()) : 0;
  if (!limit) return { items: items.slice(offset) };
  const end = offset + limit;
  return { items: items.slice(offset, end), ...(end < items.length ? { continue: Buffer.from(String(end)).toString('base64url') } : {}) };
}

function requireNamespace(ctx: RequestContext, kind: Kind): void {
  // namespace "default" is org 1 (`org-<id>` for others) in Grafana 12's /apis; the stand-in has one org
  if (ctx.params.ns !== 'default') throw status(404, 'NotFound', `namespace "${ctx.params.ns}" not found`, kind);
}

/** What the list, get and delete routes need to know of a kind's table. */
interface StoredKind<Row extends { uid: string; labels: string; annotations: string }> {
  readonly kind: Kind;
  readonly listKind: string;
  readonly table: string;
  readonly get: (ctx: RequestContext, name: string) => Row | undefined;
  readonly toObject: (ctx: RequestContext, row: Row) => unknown;
  readonly remove: (ctx: RequestContext, row: Row) => void;
}

function notFound(kind: Kind, name: string): HttpError {
  return status(404, 'NotFound', `${kind.resource}.${kind.group} "${name}" not found`, kind, name);
}

/** GET list, GET one and DELETE: the same for dashboards and folders, as in Grafana's unified storage. */
function registerStoredKindRoutes<Row extends { uid: string; labels: string; annotations: string }>(
  router: Router,
  apiVersion: string,
  path: string,
  stored: StoredKind<Row>,
): void {
  const { kind } = stored;
  const getRow = (ctx: RequestContext): Row => {
    requireNamespace(ctx, kind);
    const row = stored.get(ctx, ctx.params.name!);
    if (!row) throw notFound(kind, ctx.params.name!);
    return row;
  };
  router.add('GET', path, 'Viewer', (ctx) => {
    requireNamespace(ctx, kind);
    const rows = (ctx.db.prepare(`SELECT * FROM ${stored.table} ORDER BY uid`).all() as Row[]).filter((row) =>
      matchesLabels(ctx.query.get('labelSelector'), JSON.parse(row.labels)),
    );
    const paged = page(ctx, rows);
    return {
      status: 200,
      body: {
        kind: stored.listKind,
        apiVersion: `${kind.group}/${apiVersion}`,
        metadata: { resourceVersion: getMeta(ctx.db, 'resourceVersion') ?? '0', ...(paged.continue ? { continue: paged.continue } : {}) },
        items: paged.items.map((row) => stored.toObject(ctx, row)),
      },
    };
  });
  router.add('GET', `${path}/:name`, 'Viewer', (ctx) => ({ status: 200, body: stored.toObject(ctx, getRow(ctx)) }));
  router.add(
    'DELETE',
    `${path}/:name`,
    'Editor',
    asStatus(kind, undefined, (ctx) => {
      const row = getRow(ctx);
      checkManager(ctx, kind, row.uid, undefined, JSON.parse(row.annotations));
      stored.remove(ctx, row);
      return {
        status: 200,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Success',
          details: { name: row.uid, group: kind.group, kind: kind.resource, uid: k8sUid(kind, row.uid) },
        },
      };
    }),
    `${kind.resource}:delete`,
  );
}

/** /apis/dashboard.grafana.app and /apis/folder.grafana.app: the same rows as the legacy API, Kubernetes-shaped (12: v1beta1, 13: v1). */
export function registerApisRoutes(router: Router, apiVersion: 'v1beta1' | 'v1'): void {
  router.add('GET', '/apis', 'Viewer', () => ({
    status: 200,
    body: {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [DASHBOARDS, FOLDERS].map((kind) => ({
        name: kind.group,
        versions: [{ groupVersion: `${kind.group}/${apiVersion}`, version: apiVersion }],
        preferredVersion: { groupVersion: `${kind.group}/${apiVersion}`, version: apiVersion },
      })),
    },
  }));

  const dashboards = `/apis/${DASHBOARDS.group}/${apiVersion}/namespaces/:ns/dashboards`;
  registerStoredKindRoutes<DashboardRow>(router, apiVersion, dashboards, {
    kind: DASHBOARDS,
    listKind: 'DashboardList',
    table: 'dashboards',
    get: (ctx, name) => getDashboard(ctx.db, name),
    toObject: (ctx, row) => dashboardObject(ctx, apiVersion, row),
    remove: (ctx, row) => deleteDashboard(ctx, row),
  });
  const writeDashboard = (forCreate: boolean): Handler =>
    asStatus(DASHBOARDS, undefined, (ctx) => {
      requireNamespace(ctx, DASHBOARDS);
      const object = readObject(ctx, DASHBOARDS, forCreate);
      const current = getDashboard(ctx.db, object.name);
      if (!forCreate && !current) throw notFound(DASHBOARDS, object.name);
      if (!(forCreate && current))
        checkManager(ctx, DASHBOARDS, object.name, object.annotations, current && JSON.parse(current.annotations));
      const saved = saveDashboard(ctx, {
        dashboard: { ...object.spec, uid: object.name },
        folderUid: object.annotations[ANNOTATION_FOLDER] ?? null,
        overwrite: true,
        message: object.annotations[ANNOTATION_MESSAGE] ?? '',
        annotations: keptAnnotations(object.annotations),
        labels: object.labels,
        resourceVersion: object.resourceVersion,
        mustCreate: forCreate,
      });
      return { status: forCreate ? 201 : 200, body: dashboardObject(ctx, apiVersion, saved) };
    });
  router.add('POST', dashboards, 'Editor', writeDashboard(true), 'dashboards:create');
  router.add('PUT', `${dashboards}/:name`, 'Editor', writeDashboard(false), 'dashboards:write');

  const folders = `/apis/${FOLDERS.group}/${apiVersion}/namespaces/:ns/folders`;
  registerStoredKindRoutes<FolderRow>(router, apiVersion, folders, {
    kind: FOLDERS,
    listKind: 'FolderList',
    table: 'folders',
    get: (ctx, name) => getFolder(ctx.db, name),
    toObject: (_ctx, row) => folderObject(apiVersion, row),
    remove: (ctx, row) => deleteFolderTree(ctx, row, false),
  });
  router.add(
    'POST',
    folders,
    'Editor',
    asStatus(FOLDERS, undefined, (ctx) => {
      requireNamespace(ctx, FOLDERS);
      const object = readObject(ctx, FOLDERS, true);
      if (getFolder(ctx.db, object.name))
        throw status(409, 'AlreadyExists', `folders.${FOLDERS.group} "${object.name}" already exists`, FOLDERS, object.name);
      checkManager(ctx, FOLDERS, object.name, object.annotations, undefined);
      const created = createFolder(ctx, {
        uid: object.name,
        title: typeof object.spec.title === 'string' ? object.spec.title : '',
        description: typeof object.spec.description === 'string' ? object.spec.description : undefined,
        parentUid: object.annotations[ANNOTATION_FOLDER] ?? null,
        annotations: keptAnnotations(object.annotations),
        labels: object.labels,
      });
      return { status: 201, body: folderObject(apiVersion, created) };
    }),
    'folders:create',
  );
  router.add(
    'PUT',
    `${folders}/:name`,
    'Editor',
    asStatus(FOLDERS, undefined, (ctx) => {
      requireNamespace(ctx, FOLDERS);
      const object = readObject(ctx, FOLDERS, false);
      const row = getFolder(ctx.db, object.name);
      if (!row) throw notFound(FOLDERS, object.name);
      checkManager(ctx, FOLDERS, row.uid, object.annotations, JSON.parse(row.annotations));
      if (object.resourceVersion !== undefined && object.resourceVersion !== row.resource_version) {
        fail(
          409,
          `Operation cannot be fulfilled on folders.${FOLDERS.group} "${row.uid}": the object has been modified; please apply your changes to the latest version and try again`,
          { reason: 'Conflict' },
        );
      }
      const updated = updateFolderRow(ctx, row, {
        title: typeof object.spec.title === 'string' ? object.spec.title : '',
        description: typeof object.spec.description === 'string' ? object.spec.description : '',
        parentUid: ctx.version.nestedFolders ? (object.annotations[ANNOTATION_FOLDER] ?? null) : row.parent_uid,
        annotations: keptAnnotations(object.annotations),
        labels: object.labels,
      });
      return { status: 200, body: folderObject(apiVersion, updated) };
    }),
    'folders:write',
  );
}
