import { fail, generateUid, objectBody, slugify, str, uidProblem, type RequestContext, type Router } from '../http.js';
import { nextSequence, type Store } from '../store.js';
import { folderUrl, getFolder, requireFolder } from './folders.js';

export interface DashboardRow {
  id: number;
  uid: string;
  title: string;
  folder_uid: string | null;
  version: number;
  data: string;
  provisioned: number;
  created: string;
  updated: string;
  created_by: string;
  updated_by: string;
  resource_version: number;
  annotations: string;
  labels: string;
}

export function getDashboard(db: Store, uid: string): DashboardRow | undefined {
  return db.prepare('SELECT * FROM dashboards WHERE uid = ?').get(uid) as DashboardRow | undefined;
}

// pkg/services/dashboards/errors.go ErrDashboardNotFound
export function dashboardNotFound(): never {
  fail(404, 'Dashboard not found');
}

export function dashboardUrl(dashboard: { uid: string; title: string }): string {
  return `/d/${dashboard.uid}/${slugify(dashboard.title)}`;
}

export interface SaveDashboardInput {
  dashboard: Record<string, unknown>;
  folderUid: string | null;
  overwrite: boolean;
  message: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  /** /apis writes: the resourceVersion the client read (409 when stale), or absent. */
  resourceVersion?: number;
  /** /apis create: 409 when the uid exists rather than updating it. */
  mustCreate?: boolean;
}

/**
 * pkg/services/dashboards/service/dashboard_service.go BuildSaveDashboardCommand and
 * pkg/services/dashboards/database/database.go saveDashboard: uid, version, overwrite, title and folder rules.
 */
export function saveDashboard(ctx: RequestContext, input: SaveDashboardInput): DashboardRow {
  const dashboard = { ...input.dashboard };
  const title = typeof dashboard.title === 'string' ? dashboard.title.trim() : '';
  if (!title) fail(400, 'Dashboard title cannot be empty');
  // pkg/api/dashboard.go postDashboard: message is stored with the version, at most 500 characters
  if (input.message.length > 500) fail(400, 'Dashboard message too long, max 500 characters');
  let uid = typeof dashboard.uid === 'string' ? dashboard.uid : '';
  const problem = uidProblem(uid);
  if (problem) fail(400, problem);
  const folderUid = input.folderUid || null;
  if (folderUid) requireFolder(ctx.db, folderUid);
  if (uid && getFolder(ctx.db, uid)) fail(400, 'A dashboard with the same uid already exists');

  let existing = uid ? getDashboard(ctx.db, uid) : undefined;
  if (existing && input.mustCreate) fail(409, `dashboards.dashboard.grafana.app "${uid}" already exists`, { reason: 'AlreadyExists' });
  if (existing && input.resourceVersion !== undefined && input.resourceVersion !== existing.resource_version) {
    fail(
      409,
      `Operation cannot be fulfilled on dashboards.dashboard.grafana.app "${uid}": the object has been modified; please apply your changes to the latest version and try again`,
      { reason: 'Conflict' },
    );
  }
  let version = typeof dashboard.version === 'number' ? dashboard.version : 0;
  if (existing) {
    // database.go getExistingDashboardByIDOrUIDForUpdate: a stale version without overwrite is 412 version-mismatch
    if (!input.overwrite && input.resourceVersion === undefined && version !== existing.version) {
      fail(412, 'The dashboard has been changed by someone else', { status: 'version-mismatch' });
    }
    if (existing.provisioned) fail(400, 'Cannot save provisioned dashboard');
    version = existing.version;
  }
  if (ctx.version.dashboardTitleUnique) {
    // database.go getExistingDashboardByTitleAndFolder (through 11.x): same title in the same folder
    const sameTitle = ctx.db
      .prepare("SELECT * FROM dashboards WHERE lower(title) = lower(?) AND IFNULL(folder_uid, '') = ? AND uid != ?")
      .get(title, folderUid ?? '', uid) as DashboardRow | undefined;
    if (sameTitle) {
      if (!input.overwrite) fail(412, 'A dashboard with the same name in the folder already exists', { status: 'name-exists' });
      // overwrite takes over the dashboard that holds the title, as Grafana's legacy store does
      if (existing) ctx.db.prepare('DELETE FROM dashboards WHERE uid = ?').run(existing.uid);
      existing = sameTitle;
      uid = sameTitle.uid;
      version = sameTitle.version;
    }
  }
  if (existing?.provisioned) fail(400, 'Cannot save provisioned dashboard');

  const now = ctx.now();
  const newVersion = existing ? version + 1 : 1;
  if (!uid) uid = generateUid();
  const by = ctx.identity.login;
  const rv = nextSequence(ctx.db, 'resourceVersion');
  if (existing) {
    dashboard.id = existing.id;
    dashboard.uid = uid;
    dashboard.version = newVersion;
    dashboard.title = title;
    ctx.db
      .prepare(
        `UPDATE dashboards SET title = ?, folder_uid = ?, version = ?, data = ?, updated = ?, updated_by = ?, resource_version = ?,
         annotations = ?, labels = ? WHERE uid = ?`,
      )
      .run(
        title,
        folderUid,
        newVersion,
        JSON.stringify(dashboard),
        now,
        by,
        rv,
        // a legacy save keeps the metadata annotations and labels an /apis client set
        input.annotations ? JSON.stringify(input.annotations) : existing.annotations,
        input.labels ? JSON.stringify(input.labels) : existing.labels,
        uid,
      );
  } else {
    const id = (ctx.db.prepare('SELECT IFNULL(MAX(id), 0) + 1 AS id FROM dashboards').get() as { id: number }).id;
    dashboard.id = id;
    dashboard.uid = uid;
    dashboard.version = newVersion;
    dashboard.title = title;
    ctx.db
      .prepare(
        `INSERT INTO dashboards (id, uid, title, folder_uid, version, data, created, updated, created_by, updated_by, resource_version, annotations, labels)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        uid,
        title,
        folderUid,
        newVersion,
        JSON.stringify(dashboard),
        now,
        now,
        by,
        by,
        rv,
        JSON.stringify(input.annotations ?? {}),
        JSON.stringify(input.labels ?? {}),
      );
  }
  const saved = getDashboard(ctx.db, uid)!;
  ctx.db
    .prepare(
      `INSERT INTO dashboard_versions (dashboard_id, dashboard_uid, version, parent_version, data, message, created, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(saved.id, uid, newVersion, existing ? version : 0, saved.data, input.message, now, by);
  return saved;
}

export function deleteDashboard(ctx: RequestContext, dashboard: DashboardRow): void {
  // pkg/api/dashboard.go deleteDashboard: provisioned dashboards cannot be deleted
  if (dashboard.provisioned) fail(400, 'provisioned dashboard cannot be deleted');
  ctx.db.prepare('DELETE FROM dashboard_versions WHERE dashboard_uid = ?').run(dashboard.uid);
  ctx.db.prepare('DELETE FROM dashboards WHERE uid = ?').run(dashboard.uid);
}

function dashboardMeta(ctx: RequestContext, row: DashboardRow): Record<string, unknown> {
  const folder = row.folder_uid ? getFolder(ctx.db, row.folder_uid) : undefined;
  const canEdit = ctx.identity.role === 'Editor' || ctx.identity.role === 'Admin';
  // pkg/api/dashboard.go GetDashboard: dtos.DashboardMeta
  return {
    type: 'db',
    canSave: canEdit && !row.provisioned,
    canEdit,
    canAdmin: ctx.identity.role === 'Admin',
    canStar: true,
    canDelete: canEdit,
    slug: slugify(row.title),
    url: dashboardUrl(row),
    expires: '0001-01-01T00:00:00Z',
    created: row.created,
    updated: row.updated,
    updatedBy: row.updated_by,
    createdBy: row.created_by,
    version: row.version,
    hasAcl: false,
    isFolder: false,
    folderId: folder?.id ?? 0,
    folderUid: folder?.uid ?? '',
    folderTitle: folder?.title ?? 'General',
    folderUrl: folder ? folderUrl(folder) : '',
    provisioned: row.provisioned === 1,
    provisionedExternalId: '',
    annotationsPermissions: {
      dashboard: { canAdd: canEdit, canEdit, canDelete: canEdit },
      organization: {
        canAdd: ctx.identity.role === 'Admin',
        canEdit: ctx.identity.role === 'Admin',
        canDelete: ctx.identity.role === 'Admin',
      },
    },
  };
}

export function requireDashboard(db: Store, uid: string): DashboardRow {
  return getDashboard(db, uid) ?? dashboardNotFound();
}

export function registerDashboardRoutes(router: Router): void {
  // pkg/api/dashboard.go PostDashboard
  router.add(
    'POST',
    '/api/dashboards/db',
    'Editor',
    (ctx) => {
      const body = objectBody(ctx);
      const dashboard = body.dashboard;
      if (dashboard === null || typeof dashboard !== 'object' || Array.isArray(dashboard)) fail(400, 'bad request data');
      // folderUid wins over the deprecated folderId; absent means the root (General) folder
      let folderUid = str(body.folderUid) ?? null;
      if (folderUid === null && typeof body.folderId === 'number' && body.folderId > 0) {
        const folder = ctx.db.prepare('SELECT uid FROM folders WHERE id = ?').get(body.folderId) as { uid: string } | undefined;
        if (!folder) fail(400, 'Folder not found');
        folderUid = folder.uid;
      }
      const saved = saveDashboard(ctx, {
        dashboard: dashboard as Record<string, unknown>,
        folderUid,
        overwrite: body.overwrite === true,
        message: str(body.message) ?? '',
      });
      return {
        status: 200,
        body: {
          id: saved.id,
          uid: saved.uid,
          url: dashboardUrl(saved),
          status: 'success',
          version: saved.version,
          slug: slugify(saved.title),
          folderUid: saved.folder_uid ?? '',
        },
      };
    },
    'dashboards:create',
  );

  router.add('GET', '/api/dashboards/uid/:uid', 'Viewer', (ctx) => {
    const row = requireDashboard(ctx.db, ctx.params.uid!);
    return { status: 200, body: { dashboard: JSON.parse(row.data), meta: dashboardMeta(ctx, row) } };
  });

  // pkg/api/dashboard.go DeleteDashboardByUID
  router.add(
    'DELETE',
    '/api/dashboards/uid/:uid',
    'Editor',
    (ctx) => {
      const row = requireDashboard(ctx.db, ctx.params.uid!);
      deleteDashboard(ctx, row);
      return { status: 200, body: { id: row.id, uid: row.uid, title: row.title, message: `Dashboard ${row.title} deleted` } };
    },
    'dashboards:delete',
  );

  // pkg/api/dashboard_versions.go GetDashboardVersions: newest first; 12+ wraps them with a continue token
  router.add('GET', '/api/dashboards/uid/:uid/versions', 'Viewer', (ctx) => {
    const row = requireDashboard(ctx.db, ctx.params.uid!);
    const limit = Number(ctx.query.get('limit') ?? 0) || 1000;
    const versions = (
      ctx.db.prepare('SELECT * FROM dashboard_versions WHERE dashboard_uid = ? ORDER BY version DESC LIMIT ?').all(row.uid, limit) as {
        id: number;
        dashboard_id: number;
        dashboard_uid: string;
        version: number;
        parent_version: number;
        message: string;
        created: string;
        created_by: string;
      }[]
    ).map((v) => ({
      id: v.id,
      dashboardId: v.dashboard_id,
      dashboardUid: v.dashboard_uid,
      parentVersion: v.parent_version,
      restoredFrom: 0,
      version: v.version,
      created: v.created,
      createdBy: v.created_by,
      message: v.message,
    }));
    return { status: 200, body: ctx.version.versionsPaginated ? { continueToken: '', versions } : versions };
  });

  router.add('GET', '/api/dashboards/uid/:uid/versions/:version', 'Viewer', (ctx) => {
    const row = requireDashboard(ctx.db, ctx.params.uid!);
    const v = ctx.db
      .prepare('SELECT * FROM dashboard_versions WHERE dashboard_uid = ? AND version = ?')
      .get(row.uid, Number(ctx.params.version)) as
      | {
          id: number;
          dashboard_id: number;
          version: number;
          parent_version: number;
          message: string;
          created: string;
          created_by: string;
          data: string;
        }
      | undefined;
    if (!v) fail(404, 'Dashboard version not found');
    return {
      status: 200,
      body: {
        id: v.id,
        dashboardId: v.dashboard_id,
        uid: row.uid,
        parentVersion: v.parent_version,
        restoredFrom: 0,
        version: v.version,
        created: v.created,
        createdBy: v.created_by,
        message: v.message,
        data: JSON.parse(v.data),
      },
    };
  });

  // pkg/api/dashboard.go GetDashboardTags
  router.add('GET', '/api/dashboards/tags', 'Viewer', (ctx) => {
    const counts = new Map<string, number>();
    for (const { data } of ctx.db.prepare('SELECT data FROM dashboards').all() as { data: string }[]) {
      const tags = (JSON.parse(data) as { tags?: unknown }).tags;
      if (Array.isArray(tags)) for (const tag of tags) if (typeof tag === 'string') counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
    return { status: 200, body: [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([term, count]) => ({ term, count })) };
  });
}
