import type { DesiredResource } from '../artifacts.js';
import { embedMark, embeddedMark, MARK_KEY, type OwnershipMark } from '../ownership.js';
import { isPlainObject, omit, pick, pruneDefaults } from '../normalize.js';
import type { KindAdapter, KindContext, LiveResource, ResolvedResource } from './adapter.js';

const COMPARED = [
  'name',
  'type',
  'access',
  'url',
  'user',
  'database',
  'basicAuth',
  'basicAuthUser',
  'withCredentials',
  'isDefault',
  'jsonData',
];

interface LiveDataSource extends Record<string, unknown> {
  uid: string;
  version?: number;
  readOnly?: boolean;
  jsonData?: Record<string, unknown>;
  secureJsonFields?: Record<string, boolean>;
}

/** Secrets are write-only: compared as the set of secret field names, never by value. */
function comparableDataSource(ds: Record<string, unknown>, secureFields: string[]): unknown {
  const jsonData = isPlainObject(ds.jsonData) ? omit(ds.jsonData, [MARK_KEY]) : undefined;
  return pruneDefaults({ ...pick(ds, COMPARED), jsonData, secureJsonFields: secureFields.sort() });
}

function fromLive(ds: LiveDataSource): LiveResource {
  const secure = Object.entries(ds.secureJsonFields ?? {})
    .filter(([, set]) => set)
    .map(([k]) => k);
  return {
    uid: ds.uid,
    raw: ds,
    comparable: comparableDataSource(ds, secure),
    mark: embeddedMark(ds.jsonData),
    foreignManager: ds.readOnly ? 'file provisioning (read-only)' : undefined,
    version: ds.version,
  };
}

async function getOne(ctx: KindContext, uid: string): Promise<LiveResource | undefined> {
  const ds = await ctx.client.get<LiveDataSource>(`/api/datasources/uid/${encodeURIComponent(uid)}`, {
    allow: [404],
    what: `datasource ${uid}`,
  });
  return ds ? fromLive(ds) : undefined;
}

/** Data sources: one list call finds marks; the desired ones are read whole by uid. */
export const datasourceAdapter: KindAdapter = {
  kind: 'datasource',
  markInLedger: () => false,
  async list(ctx, desired: readonly DesiredResource[]) {
    const live = new Map<string, LiveResource>();
    const all = (await ctx.client.get<LiveDataSource[]>('/api/datasources', { what: 'datasources' })) ?? [];
    const wanted = new Set(desired.map((d) => d.uid));
    const full = await Promise.all(all.filter((d) => wanted.has(d.uid)).map((d) => getOne(ctx, d.uid)));
    for (const d of full) if (d) live.set(d.uid, d);
    // Marked ones not defined any more are candidates for prune; the list item is enough for that.
    for (const d of all) if (!live.has(d.uid) && embeddedMark(d.jsonData)) live.set(d.uid, fromLive(d));
    return live;
  },
  get: (ctx, desired) => getOne(ctx, desired.uid),
  comparable(_ctx, r: ResolvedResource) {
    const secure = isPlainObject(r.resolved.secureJsonData) ? Object.keys(r.resolved.secureJsonData) : [];
    return comparableDataSource(r.resolved, secure);
  },
  async write(ctx, r: ResolvedResource, mark: OwnershipMark, live) {
    const what = `datasource ${r.uid}`;
    const jsonData = { ...(isPlainObject(r.resolved.jsonData) ? r.resolved.jsonData : {}), [MARK_KEY]: embedMark(mark) };
    const body = { ...r.resolved, uid: r.uid, jsonData };
    if (live) {
      await ctx.client.send('PUT', `/api/datasources/uid/${encodeURIComponent(r.uid)}`, {
        body: { ...body, ...(live.version !== undefined ? { version: live.version } : {}) },
        what,
      });
    } else {
      await ctx.client.send('POST', '/api/datasources', { body, what });
    }
  },
  async remove(ctx, live) {
    await ctx.client.send('DELETE', `/api/datasources/uid/${encodeURIComponent(live.uid)}`, {
      allow: [404],
      what: `datasource ${live.uid}`,
    });
  },
};
