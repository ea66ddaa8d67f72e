import { slugify, type Router } from '../http.js';
import { dashboardUrl, type DashboardRow } from './dashboards.js';
import { folderUrl, getFolder, type FolderRow } from './folders.js';

function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .filter((value) => value !== '');
}

/** pkg/api/search.go Search + pkg/services/search: query, type, tag (AND), folderUIDs, dashboardUIDs, limit, page. */
export function registerSearchRoutes(router: Router): void {
  router.add('GET', '/api/search', 'Viewer', (ctx) => {
    const query = (ctx.query.get('query') ?? '').toLowerCase();
    const type = ctx.query.get('type');
    const tags = ctx.query.getAll('tag');
    const folderUids = ctx.query.getAll('folderUIDs').flatMap((value) => value.split(','));
    const dashboardUids = listParam(ctx.query, 'dashboardUIDs');
    const limit = Math.min(5000, Math.max(1, Number(ctx.query.get('limit') ?? 1000) || 1000));
    const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1);
    // folderUIDs "general" (or empty) means the root folder
    const inFolder = (uid: string | null): boolean =>
      folderUids.length === 0 || folderUids.some((wanted) => (wanted === 'general' || wanted === '' ? !uid : wanted === uid));

    const hits: Record<string, unknown>[] = [];
    if (type !== 'dash-db' && tags.length === 0 && dashboardUids.length === 0) {
      for (const folder of ctx.db.prepare('SELECT * FROM folders').all() as FolderRow[]) {
        if (query && !folder.title.toLowerCase().includes(query)) continue;
        // nested folders: a folder's folder is its parent; without them every folder sits at the root
        const parent = ctx.version.nestedFolders && folder.parent_uid ? getFolder(ctx.db, folder.parent_uid) : undefined;
        if (folderUids.length > 0 && !inFolder(parent?.uid ?? null)) continue;
        const hit: Record<string, unknown> = {
          id: folder.id,
          uid: folder.uid,
          orgId: 1,
          title: folder.title,
          uri: `db/${slugify(folder.title)}`,
          url: folderUrl(folder),
          slug: '',
          type: 'dash-folder',
          tags: [],
          isStarred: false,
          sortMeta: 0,
        };
        if (parent)
          Object.assign(hit, { folderId: parent.id, folderUid: parent.uid, folderTitle: parent.title, folderUrl: folderUrl(parent) });
        hits.push(hit);
      }
    }
    if (type !== 'dash-folder') {
      for (const row of ctx.db.prepare('SELECT * FROM dashboards').all() as DashboardRow[]) {
        if (query && !row.title.toLowerCase().includes(query)) continue;
        if (dashboardUids.length > 0 && !dashboardUids.includes(row.uid)) continue;
        if (!inFolder(row.folder_uid)) continue;
        const rowTags = ((JSON.parse(row.data) as { tags?: unknown }).tags ?? []) as unknown[];
        const stringTags = rowTags.filter((tag): tag is string => typeof tag === 'string');
        if (!tags.every((tag) => stringTags.includes(tag))) continue;
        const folder = row.folder_uid ? getFolder(ctx.db, row.folder_uid) : undefined;
        const hit: Record<string, unknown> = {
          id: row.id,
          uid: row.uid,
          orgId: 1,
          title: row.title,
          uri: `db/${slugify(row.title)}`,
          url: dashboardUrl(row),
          slug: '',
          type: 'dash-db',
          tags: [...stringTags].sort(),
          isStarred: false,
          sortMeta: 0,
        };
        if (folder)
          Object.assign(hit, { folderId: folder.id, folderUid: folder.uid, folderTitle: folder.title, folderUrl: folderUrl(folder) });
        hits.push(hit);
      }
    }
    // default sort alpha-asc: folders before dashboards, then by title
    hits.sort((a, b) =>
      a.type !== b.type
        ? a.type === 'dash-folder'
          ? -1
          : 1
        : String(a.title).toLowerCase().localeCompare(String(b.title).toLowerCase(), 'en'),
    );
    return { status: 200, body: hits.slice((page - 1) * limit, page * limit) };
  });
}
