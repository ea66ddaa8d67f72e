import type { DesiredResource } from '../artifacts.js';
import {
  ANNO_FOLDER,
  ANNO_MESSAGE,
  embedMark,
  embeddedMark,
  MARK_KEY,
  markAnnotations,
  markFromAnnotations,
  type OwnershipMark,
} from '../ownership.js';
import { omit, pruneDefaults } from '../normalize.js';
import type { KindAdapter, KindContext, LiveResource, ResolvedResource } from './adapter.js';
import { apisPath, listAll, type K8sObject } from './apis.js';
import pLimit from 'p-limit';

// Fields Grafana sets on save; never a change.
const SERVER_FIELDS = ['id', 'version', 'iteration', 'uid', MARK_KEY];

function comparableDashboard(model: Record<string, unknown>, folder: string | undefined): unknown {
  return pruneDefaults({ ...omit(model, SERVER_FIELDS), __folder: folder ?? '' });
}

interface LegacyDashboard {
  dashboard: Record<string, unknown>;
  meta: { folderUid?: string; version?: number; provisioned?: boolean };
}

function fromK8s(o: K8sObject): LiveResource {
  const owner = markFromAnnotations(o.metadata.annotations);
  const folder = o.metadata.annotations?.[ANNO_FOLDER] || undefined;
  return {
    uid: o.metadata.name,
    raw: o,
    comparable: comparableDashboard(o.spec, folder),
    mark: owner.mark,
    foreignManager: owner.foreign,
    resourceVersion: o.metadata.resourceVersion,
    folder,
  };
}

function fromLegacy(uid: string, d: LegacyDashboard): LiveResource {
  const folder = d.meta.folderUid || undefined;
  return {
    uid,
    raw: d,
    comparable: comparableDashboard(d.dashboard, folder),
    mark: embeddedMark(d.dashboard),
    foreignManager: d.meta.provisioned ? 'file provisioning' : undefined,
    version: (d.dashboard.version as number | undefined) ?? d.meta.version,
    folder,
  };
}

async function getLegacy(ctx: KindContext, uid: string): Promise<LiveResource | undefined> {
  const d = await ctx.client.get<LegacyDashboard>(`/api/dashboards/uid/${encodeURIComponent(uid)}`, {
    allow: [404],
    what: `dashboard ${uid}`,
  });
  return d ? fromLegacy(uid, d) : undefined;
}

/** Dashboards: one /apis list call on 12+ (whole dashboards); search + one GET each before. */
export const dashboardAdapter: KindAdapter = {
  kind: 'dashboard',
  markInLedger: () => false,
  async list(ctx) {
    const live = new Map<string, LiveResource>();
    if (ctx.server.apis) {
      for (const o of await listAll(ctx, 'dashboard', 'dashboards', 'dashboards')) live.set(o.metadata.name, fromK8s(o));
      return live;
    }
    const uids: string[] = [];
    for (let page = 1; ; page++) {
      const hits =
        (await ctx.client.get<{ uid: string }[]>(`/api/search?type=dash-db&limit=5000&page=${page}`, { what: 'dashboards' })) ?? [];
      uids.push(...hits.map((h) => h.uid));
      if (hits.length < 5000) break;
    }
    // The legacy API has no bulk read: the mark is inside each dashboard.
    const limit = pLimit(8);
    const found = await Promise.all(uids.map((uid) => limit(() => getLegacy(ctx, uid))));
    for (const d of found) if (d) live.set(d.uid, d);
    return live;
  },
  async get(ctx, desired: DesiredResource) {
    if (ctx.server.apis) {
      const o = await ctx.client.get<K8sObject>(apisPath(ctx, 'dashboard', 'dashboards', desired.uid), {
        allow: [404],
        what: `dashboard ${desired.uid}`,
      });
      return o ? fromK8s(o) : undefined;
    }
    return getLegacy(ctx, desired.uid);
  },
  comparable(_ctx, r: ResolvedResource) {
    return comparableDashboard(r.resolved, r.folder);
  },
  async write(ctx, r: ResolvedResource, mark: OwnershipMark, live) {
    const what = `dashboard ${r.uid}`;
    const model = omit(r.resolved, ['id', 'version', MARK_KEY]);
    if (ctx.server.apis) {
      const annotations = { ...markAnnotations(mark), [ANNO_MESSAGE]: ctx.message, ...(r.folder ? { [ANNO_FOLDER]: r.folder } : {}) };
      const body: K8sObject = {
        apiVersion: `dashboard.grafana.app/${ctx.server.apis}`,
        kind: 'Dashboard',
        metadata: { name: r.uid, annotations, ...(live?.resourceVersion ? { resourceVersion: live.resourceVersion } : {}) },
        spec: { ...model, uid: r.uid },
      };
      if (live) await ctx.client.send('PUT', apisPath(ctx, 'dashboard', 'dashboards', r.uid), { body, what });
      else await ctx.client.send('POST', apisPath(ctx, 'dashboard', 'dashboards'), { body, what });
      return;
    }
    // The live version guards against a concurrent edit (412 version-mismatch) since the plan read it.
    const dashboard = {
      ...model,
      uid: r.uid,
      id: null,
      [MARK_KEY]: embedMark(mark),
      ...(live?.version !== undefined ? { version: live.version } : {}),
    };
    await ctx.client.send('POST', '/api/dashboards/db', {
      body: { dashboard, folderUid: r.folder ?? '', message: ctx.message, overwrite: false },
      what,
    });
  },
  async remove(ctx, live) {
    const what = `dashboard ${live.uid}`;
    if (ctx.server.apis) await ctx.client.send('DELETE', apisPath(ctx, 'dashboard', 'dashboards', live.uid), { allow: [404], what });
    else await ctx.client.send('DELETE', `/api/dashboards/uid/${encodeURIComponent(live.uid)}`, { allow: [404], what });
  },
};
