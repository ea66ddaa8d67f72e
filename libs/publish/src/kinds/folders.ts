import type { DesiredResource } from '../artifacts.js';
import { ANNO_FOLDER, markAnnotations, markFromAnnotations, type OwnershipMark } from '../ownership.js';
import { pruneDefaults } from '../normalize.js';
import type { KindAdapter, KindContext, LiveResource, ResolvedResource } from './adapter.js';
import { apisPath, listAll, type K8sObject } from './apis.js';

interface LegacyFolderHit {
  uid: string;
  title: string;
  folderUid?: string;
}

function comparableFolder(ctx: KindContext, title: unknown, parent: unknown): unknown {
  // Without nested folders Grafana ignores parentUid, so it cannot differ.
  return pruneDefaults({ title, ...(ctx.server.nestedFolders ? { parentUid: parent ?? '' } : {}) });
}

function fromK8s(ctx: KindContext, o: K8sObject): LiveResource {
  const owner = markFromAnnotations(o.metadata.annotations);
  const parent = o.metadata.annotations?.[ANNO_FOLDER];
  return {
    uid: o.metadata.name,
    raw: o,
    comparable: comparableFolder(ctx, o.spec.title, parent),
    mark: owner.mark,
    foreignManager: owner.foreign,
    resourceVersion: o.metadata.resourceVersion,
    folder: parent || undefined,
  };
}

function fromLegacy(ctx: KindContext, f: LegacyFolderHit & { version?: number; parentUid?: string }): LiveResource {
  const parent = f.parentUid ?? f.folderUid;
  return {
    uid: f.uid,
    raw: f,
    comparable: comparableFolder(ctx, f.title, parent),
    mark: ctx.ledger[`folder/${f.uid}`],
    version: f.version,
    folder: parent || undefined,
  };
}

/** Folders: /apis/folder.grafana.app on 12+ (one list call), /api/search + /api/folders before. */
export const folderAdapter: KindAdapter = {
  kind: 'folder',
  markInLedger: (ctx) => !ctx.server.apis,
  async list(ctx) {
    const live = new Map<string, LiveResource>();
    if (ctx.server.apis) {
      for (const o of await listAll(ctx, 'folder', 'folders', 'folders')) live.set(o.metadata.name, fromK8s(ctx, o));
      return live;
    }
    // Search lists folders at every level with their parent in one call.
    for (let page = 1; ; page++) {
      const hits =
        (await ctx.client.get<LegacyFolderHit[]>(`/api/search?type=dash-folder&limit=5000&page=${page}`, { what: 'folders' })) ?? [];
      for (const h of hits) live.set(h.uid, fromLegacy(ctx, h));
      if (hits.length < 5000) break;
    }
    return live;
  },
  async get(ctx, desired: DesiredResource) {
    if (ctx.server.apis) {
      const o = await ctx.client.get<K8sObject>(apisPath(ctx, 'folder', 'folders', desired.uid), {
        allow: [404],
        what: `folder ${desired.uid}`,
      });
      return o ? fromK8s(ctx, o) : undefined;
    }
    const f = await ctx.client.get<LegacyFolderHit & { version?: number; parentUid?: string }>(
      `/api/folders/${encodeURIComponent(desired.uid)}`,
      {
        allow: [404],
        what: `folder ${desired.uid}`,
      },
    );
    return f ? fromLegacy(ctx, f) : undefined;
  },
  comparable(ctx, r: ResolvedResource) {
    return comparableFolder(ctx, r.resolved.title, r.resolved.parentUid);
  },
  async write(ctx, r: ResolvedResource, mark: OwnershipMark, live) {
    const what = `folder ${r.uid}`;
    const title = r.resolved.title as string;
    const parent = ctx.server.nestedFolders ? ((r.resolved.parentUid as string | undefined) ?? '') : '';
    if (ctx.server.apis) {
      const annotations = { ...markAnnotations(mark), ...(parent ? { [ANNO_FOLDER]: parent } : {}) };
      const body: K8sObject = {
        apiVersion: `folder.grafana.app/${ctx.server.apis}`,
        kind: 'Folder',
        metadata: { name: r.uid, annotations, ...(live?.resourceVersion ? { resourceVersion: live.resourceVersion } : {}) },
        spec: { title },
      };
      if (live) await ctx.client.send('PUT', apisPath(ctx, 'folder', 'folders', r.uid), { body, what });
      else await ctx.client.send('POST', apisPath(ctx, 'folder', 'folders'), { body, what });
      return;
    }
    if (!live) {
      await ctx.client.send('POST', '/api/folders', { body: { uid: r.uid, title, ...(parent ? { parentUid: parent } : {}) }, what });
      return;
    }
    // A changed parent is a move; PUT cannot change it.
    if (ctx.server.nestedFolders && (live.folder ?? '') !== parent) {
      await ctx.client.send('POST', `/api/folders/${encodeURIComponent(r.uid)}/move`, { body: { parentUid: parent }, what });
    }
    if ((live.raw as LegacyFolderHit).title !== title) {
      const current = live.version !== undefined ? live : await folderAdapter.get(ctx, r);
      await ctx.client.send('PUT', `/api/folders/${encodeURIComponent(r.uid)}`, { body: { title, version: current?.version }, what });
    }
  },
  async remove(ctx, live) {
    const what = `folder ${live.uid}`;
    if (ctx.server.apis) await ctx.client.send('DELETE', apisPath(ctx, 'folder', 'folders', live.uid), { allow: [404], what });
    else await ctx.client.send('DELETE', `/api/folders/${encodeURIComponent(live.uid)}`, { allow: [404], what });
  },
};
