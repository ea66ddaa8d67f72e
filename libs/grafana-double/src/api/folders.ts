import { fail, generateUid, objectBody, slugify, str, uidProblem, type RequestContext, type Router } from '../http.js';
import { nextSequence, type Store } from '../store.js';

export interface FolderRow {
  id: number;
  uid: string;
  title: string;
  description: string;
  parent_uid: string | null;
  version: number;
  created: string;
  updated: string;
  resource_version: number;
  annotations: string;
  labels: string;
}

// pkg/services/folder/model.go MaxNestedFolderDepth
const MAX_NESTED_FOLDER_DEPTH = 8;

export function getFolder(db: Store, uid: string): FolderRow | undefined {
  return db.prepare('SELECT * FROM folders WHERE uid = ?').get(uid) as FolderRow | undefined;
}

// pkg/api/apierrors/folder.go: dashboards.ErrFolderNotFound -> 404 {status:"not-found"}
export function folderNotFound(): never {
  fail(404, 'folder not found', { status: 'not-found' });
}

export function requireFolder(db: Store, uid: string): FolderRow {
  return getFolder(db, uid) ?? folderNotFound();
}

export function folderUrl(folder: { uid: string; title: string }): string {
  return `/dashboards/f/${folder.uid}/${slugify(folder.title)}`;
}

/** Ancestors from the root down to the direct parent. */
export function folderParents(db: Store, folder: FolderRow): FolderRow[] {
  const parents: FolderRow[] = [];
  let parentUid = folder.parent_uid;
  while (parentUid) {
    const parent = getFolder(db, parentUid);
    if (!parent) break;
    parents.unshift(parent);
    parentUid = parent.parent_uid;
  }
  return parents;
}

export function descendantFolderUids(db: Store, uid: string): string[] {
  const children = db.prepare('SELECT uid FROM folders WHERE parent_uid = ?').all(uid) as { uid: string }[];
  return children.flatMap((child) => [child.uid, ...descendantFolderUids(db, child.uid)]);
}

/** pkg/api/folder.go newToFolderDto: the legacy folder JSON. */
export function folderDto(ctx: RequestContext, folder: FolderRow): Record<string, unknown> {
  const canEdit = ctx.identity.role === 'Editor' || ctx.identity.role === 'Admin';
  const dto: Record<string, unknown> = {
    id: folder.id,
    uid: folder.uid,
    orgId: 1,
    title: folder.title,
    url: folderUrl(folder),
    hasAcl: false,
    canSave: canEdit,
    canEdit,
    canAdmin: ctx.identity.role === 'Admin',
    canDelete: canEdit,
    createdBy: 'admin',
    created: folder.created,
    updatedBy: 'admin',
    updated: folder.updated,
    version: folder.version,
  };
  if (folder.description) dto.description = folder.description;
  if (ctx.version.nestedFolders) {
    if (folder.parent_uid) dto.parentUid = folder.parent_uid;
    const parents = folderParents(ctx.db, folder);
    if (parents.length > 0) dto.parents = parents.map((parent) => folderDto(ctx, { ...parent, parent_uid: null }));
  }
  return dto;
}

function checkFolderTitle(ctx: RequestContext, title: string, parentUid: string | null, exceptUid?: string): void {
  // pkg/services/folder/folderimpl: same title under the same parent is a 409 through 11.x; 12's unified storage allows it
  if (!ctx.version.dashboardTitleUnique) return;
  const clash = ctx.db
    .prepare("SELECT uid FROM folders WHERE title = ? AND IFNULL(parent_uid, '') = ? AND uid != ?")
    .get(title, parentUid ?? '', exceptUid ?? '');
  if (clash) fail(409, 'a folder or dashboard in the general folder with the same name already exists');
}

function folderDepth(db: Store, uid: string | null): number {
  let depth = 0;
  let current = uid ? getFolder(db, uid) : undefined;
  while (current) {
    depth++;
    current = current.parent_uid ? getFolder(db, current.parent_uid) : undefined;
  }
  return depth;
}

export interface FolderInput {
  uid?: string;
  title: string;
  description?: string;
  parentUid?: string | null;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
}

/** pkg/services/folder/folderimpl/folder.go Create: uid rules, 409 on an existing uid, parent must exist. */
export function createFolder(ctx: RequestContext, input: FolderInput): FolderRow {
  const title = input.title.trim();
  if (!title) fail(400, 'folder title cannot be empty');
  const uid = input.uid || generateUid();
  const problem = uidProblem(uid);
  if (problem) fail(400, problem);
  // pkg/services/folder/folderimpl: "general" is the root folder's reserved uid
  if (uid === 'general') fail(400, 'invalid uid for folder provided');
  if (getFolder(ctx.db, uid) || ctx.db.prepare('SELECT 1 FROM dashboards WHERE uid = ?').get(uid)) {
    fail(409, 'a folder with the same uid already exists');
  }
  // nested folders off (10.4 without the toggle): parentUid is ignored
  const parentUid = ctx.version.nestedFolders && input.parentUid ? input.parentUid : null;
  if (parentUid) {
    requireFolder(ctx.db, parentUid);
    if (folderDepth(ctx.db, parentUid) >= MAX_NESTED_FOLDER_DEPTH) fail(400, 'folder max depth exceeded');
  }
  checkFolderTitle(ctx, title, parentUid);
  const now = ctx.now();
  ctx.db
    .prepare(
      `INSERT INTO folders (uid, title, description, parent_uid, version, created, updated, resource_version, annotations, labels)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
    )
    .run(
      uid,
      title,
      input.description ?? '',
      parentUid,
      now,
      now,
      nextSequence(ctx.db, 'resourceVersion'),
      JSON.stringify(input.annotations ?? {}),
      JSON.stringify(input.labels ?? {}),
    );
  return getFolder(ctx.db, uid)!;
}

export function updateFolderRow(
  ctx: RequestContext,
  folder: FolderRow,
  changes: {
    title: string;
    description?: string;
    parentUid?: string | null;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  },
): FolderRow {
  const title = changes.title.trim();
  if (!title) fail(400, 'folder title cannot be empty');
  const parentUid = changes.parentUid === undefined ? folder.parent_uid : changes.parentUid;
  if (parentUid !== folder.parent_uid) checkMove(ctx, folder, parentUid);
  checkFolderTitle(ctx, title, parentUid, folder.uid);
  ctx.db
    .prepare(
      `UPDATE folders SET title = ?, description = ?, parent_uid = ?, version = version + 1, updated = ?, resource_version = ?,
       annotations = ?, labels = ? WHERE uid = ?`,
    )
    .run(
      title,
      changes.description ?? folder.description,
      parentUid,
      ctx.now(),
      nextSequence(ctx.db, 'resourceVersion'),
      changes.annotations ? JSON.stringify(changes.annotations) : folder.annotations,
      changes.labels ? JSON.stringify(changes.labels) : folder.labels,
      folder.uid,
    );
  return getFolder(ctx.db, folder.uid)!;
}

/** pkg/services/folder/folderimpl/folder.go Move: no cycles, parent exists, depth limit. */
function checkMove(ctx: RequestContext, folder: FolderRow, parentUid: string | null): void {
  if (!parentUid) return;
  if (parentUid === folder.uid || descendantFolderUids(ctx.db, folder.uid).includes(parentUid)) {
    fail(409, 'circular reference detected');
  }
  requireFolder(ctx.db, parentUid);
  const subtreeHeight = Math.max(
    0,
    ...descendantFolderUids(ctx.db, folder.uid).map((uid) => folderDepth(ctx.db, uid) - folderDepth(ctx.db, folder.uid)),
  );
  if (folderDepth(ctx.db, parentUid) + 1 + subtreeHeight > MAX_NESTED_FOLDER_DEPTH) fail(409, 'folder max depth exceeded');
}

/** Deletes a folder, its subfolders, their dashboards and (when allowed) their alert rules. */
export function deleteFolderTree(ctx: RequestContext, folder: FolderRow, forceDeleteRules: boolean): void {
  const uids = [folder.uid, ...descendantFolderUids(ctx.db, folder.uid)];
  const marks = uids.map(() => '?').join(',');
  const rules = ctx.db.prepare(`SELECT COUNT(*) AS n FROM alert_rules WHERE folder_uid IN (${marks})`).get(...uids) as { n: number };
  // pkg/services/folder/folderimpl/folder.go Delete: alert rules block the delete unless forceDeleteRules
  if (rules.n > 0 && !forceDeleteRules)
    fail(400, 'folder cannot be deleted: folder contains alert rules', { messageId: 'folder.alert-rules-exist' });
  ctx.db.prepare(`DELETE FROM alert_rules WHERE folder_uid IN (${marks})`).run(...uids);
  ctx.db.prepare(`DELETE FROM rule_groups WHERE folder_uid IN (${marks})`).run(...uids);
  ctx.db
    .prepare(`DELETE FROM dashboard_versions WHERE dashboard_uid IN (SELECT uid FROM dashboards WHERE folder_uid IN (${marks}))`)
    .run(...uids);
  ctx.db.prepare(`DELETE FROM dashboards WHERE folder_uid IN (${marks})`).run(...uids);
  ctx.db.prepare(`DELETE FROM folders WHERE uid IN (${marks})`).run(...uids);
}

export function registerFolderRoutes(router: Router): void {
  // pkg/api/folder.go GetFolders: nested folders list the direct children of parentUid (root when absent)
  router.add('GET', '/api/folders', 'Viewer', (ctx) => {
    const limit = Math.max(1, Number(ctx.query.get('limit') ?? 1000) || 1000);
    const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1);
    const parentUid = ctx.query.get('parentUid') || null;
    if (parentUid && ctx.version.nestedFolders) requireFolder(ctx.db, parentUid);
    const rows = (
      ctx.version.nestedFolders
        ? ctx.db.prepare("SELECT * FROM folders WHERE IFNULL(parent_uid, '') = ? ORDER BY title COLLATE NOCASE, uid").all(parentUid ?? '')
        : ctx.db.prepare('SELECT * FROM folders ORDER BY title COLLATE NOCASE, uid').all()
    ) as FolderRow[];
    const body = rows.slice((page - 1) * limit, page * limit).map((folder) => {
      const item: Record<string, unknown> = { id: folder.id, uid: folder.uid, title: folder.title };
      if (ctx.version.nestedFolders && folder.parent_uid) item.parentUid = folder.parent_uid;
      return item;
    });
    return { status: 200, body };
  });

  router.add('GET', '/api/folders/:uid', 'Viewer', (ctx) => ({
    status: 200,
    body: folderDto(ctx, requireFolder(ctx.db, ctx.params.uid!)),
  }));

  // pkg/api/folder.go CreateFolder
  router.add(
    'POST',
    '/api/folders',
    'Editor',
    (ctx) => {
      const body = objectBody(ctx);
      const folder = createFolder(ctx, {
        uid: str(body.uid),
        title: str(body.title) ?? '',
        description: str(body.description),
        parentUid: str(body.parentUid) ?? null,
      });
      return { status: 200, body: folderDto(ctx, folder) };
    },
    'folders:create',
  );

  // pkg/api/folder.go UpdateFolder: version or overwrite; a stale version is 412 version-mismatch
  router.add(
    'PUT',
    '/api/folders/:uid',
    'Editor',
    (ctx) => {
      const body = objectBody(ctx);
      const folder = requireFolder(ctx.db, ctx.params.uid!);
      const overwrite = body.overwrite === true;
      if (!overwrite && Number(body.version ?? 0) !== folder.version) {
        fail(412, 'the folder has been changed by someone else', { status: 'version-mismatch' });
      }
      const updated = updateFolderRow(ctx, folder, { title: str(body.title) ?? '', description: str(body.description) });
      return { status: 200, body: folderDto(ctx, updated) };
    },
    'folders:write',
  );

  // pkg/api/folder.go MoveFolder: only registered with nested folders
  router.add(
    'POST',
    '/api/folders/:uid/move',
    'Editor',
    (ctx) => {
      if (!ctx.version.nestedFolders) fail(404, 'Not found');
      const body = objectBody(ctx);
      const folder = requireFolder(ctx.db, ctx.params.uid!);
      const parentUid = str(body.parentUid) || null;
      const moved = updateFolderRow(ctx, folder, { title: folder.title, parentUid });
      return { status: 200, body: folderDto(ctx, moved) };
    },
    'folders:write',
  );

  // pkg/api/folder.go DeleteFolder: deletes dashboards and subfolders inside it
  router.add(
    'DELETE',
    '/api/folders/:uid',
    'Editor',
    (ctx) => {
      const folder = requireFolder(ctx.db, ctx.params.uid!);
      deleteFolderTree(ctx, folder, ctx.query.get('forceDeleteRules') === 'true');
      return { status: 200, body: { id: folder.id, title: folder.title, message: `Folder ${folder.title} deleted` } };
    },
    'folders:delete',
  );
}
