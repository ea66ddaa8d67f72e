import type { DesiredResource } from '../artifacts.js';
import { ledgerName, type OwnershipMark } from '../ownership.js';
import { isPlainObject, omit, pruneDefaults, SECRET } from '../normalize.js';
import type { KindAdapter, KindContext, LiveResource } from './adapter.js';

const PROVISIONING = '/api/v1/provisioning';
// Fields Grafana adds to alerting resources on read.
const SERVER_FIELDS = ['provenance', 'version', 'id', 'updated'];
/** Headers of every alerting write: provenance stays `api`, so Grafana's UI shows them as provisioned. */
const WRITE_HEADERS = {};

function ledgerMark(ctx: KindContext, kind: string, uid: string): OwnershipMark | undefined {
  return ctx.ledger[`${kind}/${uid}`];
}

// Integration settings Grafana stores encrypted and returns as "[REDACTED]"; per-type extras below.
const SECURE_SETTING = /(password|token|secret|credentials|api_?key|access_key|secret_key|integrationkey|routingkey)$/i;
const SECURE_URL_TYPES = new Set(['slack', 'discord', 'teams', 'googlechat', 'webex', 'telegram', 'line', 'threema', 'pushover']);

function maskSettings(type: string, settings: unknown): unknown {
  if (!isPlainObject(settings)) return settings;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(settings)) {
    const secure = SECURE_SETTING.test(k) || (k === 'url' && SECURE_URL_TYPES.has(type)) || v === '[REDACTED]';
    out[k] = secure && v !== '' && v !== undefined && v !== null ? SECRET : isPlainObject(v) ? maskSettings(type, v) : v;
  }
  return out;
}

function comparableContactPoint(cp: Record<string, unknown>): unknown {
  return pruneDefaults({
    name: cp.name,
    type: cp.type,
    settings: maskSettings(String(cp.type), cp.settings),
    disableResolveMessage: cp.disableResolveMessage,
  });
}

/** Rule query defaults Grafana fills in (pkg/services/ngalert/models: intervalMs 1000, maxDataPoints 43200). */
function normalizeRule(rule: Record<string, unknown>): Record<string, unknown> {
  const data = Array.isArray(rule.data)
    ? rule.data.map((q: Record<string, unknown>) => {
        const model = isPlainObject(q.model) ? { ...q.model } : q.model;
        if (isPlainObject(model)) {
          if (model.intervalMs === 1000) delete model.intervalMs;
          if (model.maxDataPoints === 43200) delete model.maxDataPoints;
        }
        return { ...q, model };
      })
    : rule.data;
  return { ...omit(rule, SERVER_FIELDS), data };
}

function comparableRuleGroup(g: Record<string, unknown>): unknown {
  const rules = Array.isArray(g.rules) ? g.rules.map((r: Record<string, unknown>) => normalizeRule(r)) : [];
  return pruneDefaults({ title: g.title, folderUid: g.folderUid, interval: g.interval, rules });
}

/** The ledger template and the other templates, from one list call. */
export async function readTemplates(ctx: Pick<KindContext, 'client' | 'environment'>): Promise<Record<string, unknown>[]> {
  return (await ctx.client.get<Record<string, unknown>[]>(`${PROVISIONING}/templates`, { what: 'alert templates', allow: [404] })) ?? [];
}

function isLedger(name: unknown): boolean {
  return typeof name === 'string' && name.startsWith('o11y-ownership-');
}

export const templateAdapter: KindAdapter = {
  kind: 'alert-template',
  markInLedger: () => true,
  async list(ctx) {
    const live = new Map<string, LiveResource>();
    for (const t of await readTemplates(ctx)) {
      if (isLedger(t.name)) continue;
      const uid = String(t.name);
      live.set(uid, {
        uid,
        raw: t,
        comparable: pruneDefaults({ name: t.name, template: t.template }),
        mark: ledgerMark(ctx, 'alert-template', uid),
      });
    }
    return live;
  },
  async get(ctx, d: DesiredResource) {
    const t = await ctx.client.get<Record<string, unknown>>(`${PROVISIONING}/templates/${encodeURIComponent(d.uid)}`, {
      allow: [404],
      what: `alert-template ${d.uid}`,
    });
    return t
      ? { uid: d.uid, raw: t, comparable: pruneDefaults({ name: t.name, template: t.template }), mark: ledgerMark(ctx, d.kind, d.uid) }
      : undefined;
  },
  comparable: (_ctx, r) => pruneDefaults({ name: r.resolved.name, template: r.resolved.template }),
  async write(ctx, r) {
    await ctx.client.send('PUT', `${PROVISIONING}/templates/${encodeURIComponent(r.uid)}`, {
      body: { name: r.uid, template: r.resolved.template },
      headers: WRITE_HEADERS,
      what: `alert-template ${r.uid}`,
    });
  },
  async remove(ctx, live) {
    await ctx.client.send('DELETE', `${PROVISIONING}/templates/${encodeURIComponent(live.uid)}`, {
      allow: [404],
      what: `alert-template ${live.uid}`,
    });
  },
};

/** Writes the environment's ownership ledger (a template only holding a comment). */
export async function writeLedgerTemplate(ctx: KindContext, content: string): Promise<void> {
  const name = ledgerName(ctx.environment);
  await ctx.client.send('PUT', `${PROVISIONING}/templates/${encodeURIComponent(name)}`, {
    body: { name, template: content },
    headers: WRITE_HEADERS,
    what: `ownership ledger ${name}`,
  });
}

const muteComparable = (m: Record<string, unknown>) => pruneDefaults({ name: m.name, time_intervals: m.time_intervals });

export const muteTimingAdapter: KindAdapter = {
  kind: 'mute-timing',
  markInLedger: () => true,
  async list(ctx) {
    const live = new Map<string, LiveResource>();
    for (const m of (await ctx.client.get<Record<string, unknown>[]>(`${PROVISIONING}/mute-timings`, { what: 'mute timings' })) ?? []) {
      const uid = String(m.name);
      live.set(uid, { uid, raw: m, comparable: muteComparable(m), mark: ledgerMark(ctx, 'mute-timing', uid) });
    }
    return live;
  },
  async get(ctx, d) {
    const m = await ctx.client.get<Record<string, unknown>>(`${PROVISIONING}/mute-timings/${encodeURIComponent(d.uid)}`, {
      allow: [404],
      what: `mute-timing ${d.uid}`,
    });
    return m ? { uid: d.uid, raw: m, comparable: muteComparable(m), mark: ledgerMark(ctx, d.kind, d.uid) } : undefined;
  },
  comparable: (_ctx, r) => muteComparable(r.resolved),
  async write(ctx, r, _mark, live) {
    const what = `mute-timing ${r.uid}`;
    if (live)
      await ctx.client.send('PUT', `${PROVISIONING}/mute-timings/${encodeURIComponent(r.uid)}`, {
        body: r.resolved,
        headers: WRITE_HEADERS,
        what,
      });
    else await ctx.client.send('POST', `${PROVISIONING}/mute-timings`, { body: r.resolved, headers: WRITE_HEADERS, what });
  },
  async remove(ctx, live) {
    await ctx.client.send('DELETE', `${PROVISIONING}/mute-timings/${encodeURIComponent(live.uid)}`, {
      allow: [404],
      what: `mute-timing ${live.uid}`,
    });
  },
};

export const contactPointAdapter: KindAdapter = {
  kind: 'contact-point',
  markInLedger: () => true,
  async list(ctx) {
    const live = new Map<string, LiveResource>();
    for (const c of (await ctx.client.get<Record<string, unknown>[]>(`${PROVISIONING}/contact-points`, { what: 'contact points' })) ?? []) {
      const uid = String(c.uid);
      live.set(uid, { uid, raw: c, comparable: comparableContactPoint(c), mark: ledgerMark(ctx, 'contact-point', uid) });
    }
    return live;
  },
  async get(ctx, d) {
    const all =
      (await ctx.client.get<Record<string, unknown>[]>(`${PROVISIONING}/contact-points`, { what: `contact-point ${d.uid}` })) ?? [];
    const c = all.find((x) => x.uid === d.uid);
    return c ? { uid: d.uid, raw: c, comparable: comparableContactPoint(c), mark: ledgerMark(ctx, d.kind, d.uid) } : undefined;
  },
  comparable: (_ctx, r) => comparableContactPoint(r.resolved),
  async write(ctx, r, _mark, live) {
    const what = `contact-point ${r.uid}`;
    const body = { ...r.resolved, uid: r.uid };
    if (live)
      await ctx.client.send('PUT', `${PROVISIONING}/contact-points/${encodeURIComponent(r.uid)}`, { body, headers: WRITE_HEADERS, what });
    else await ctx.client.send('POST', `${PROVISIONING}/contact-points`, { body, headers: WRITE_HEADERS, what });
  },
  async remove(ctx, live) {
    await ctx.client.send('DELETE', `${PROVISIONING}/contact-points/${encodeURIComponent(live.uid)}`, {
      allow: [404],
      what: `contact-point ${live.uid}`,
    });
  },
};

const POLICY_UID = 'policy-tree';
const policyComparable = (p: Record<string, unknown>) => pruneDefaults(omit(p, SERVER_FIELDS));
/** Grafana's tree before anyone configured it: one root route to the default email receiver. */
const isDefaultPolicy = (p: Record<string, unknown>) =>
  p.receiver === 'grafana-default-email' && !(Array.isArray(p.routes) && p.routes.length > 0);

async function readPolicy(ctx: KindContext): Promise<LiveResource | undefined> {
  const p = await ctx.client.get<Record<string, unknown>>(`${PROVISIONING}/policies`, { allow: [404], what: 'notification-policy' });
  if (!p) return undefined;
  return {
    uid: POLICY_UID,
    raw: p,
    comparable: policyComparable(p),
    mark: ledgerMark(ctx, 'notification-policy', POLICY_UID),
    isDefault: isDefaultPolicy(p),
  };
}

/** The one notification policy tree: always exists; ours once the ledger says so. */
export const policyAdapter: KindAdapter = {
  kind: 'notification-policy',
  markInLedger: () => true,
  async list(ctx) {
    const p = await readPolicy(ctx);
    return new Map(p ? [[POLICY_UID, p]] : []);
  },
  get: (ctx) => readPolicy(ctx),
  comparable: (_ctx, r) => policyComparable(r.resolved),
  async write(ctx, r) {
    await ctx.client.send('PUT', `${PROVISIONING}/policies`, { body: r.resolved, headers: WRITE_HEADERS, what: 'notification-policy' });
  },
  async remove(ctx) {
    // Resets the tree to Grafana's default.
    await ctx.client.send('DELETE', `${PROVISIONING}/policies`, { what: 'notification-policy' });
  },
};

function groupPath(folder: string, title: string): string {
  return `${PROVISIONING}/folder/${encodeURIComponent(folder)}/rule-groups/${encodeURIComponent(title)}`;
}

async function readGroup(ctx: KindContext, folder: string, title: string): Promise<LiveResource | undefined> {
  const g = await ctx.client.get<Record<string, unknown>>(groupPath(folder, title), { allow: [404], what: `alert-rule-group ${title}` });
  if (!g || !Array.isArray(g.rules) || g.rules.length === 0) return undefined;
  return { uid: title, raw: g, comparable: comparableRuleGroup(g), mark: ledgerMark(ctx, 'alert-rule-group', title), folder };
}

/** Rule groups: read by folder and title (the API has no bulk read with intervals); owned ones from the ledger. */
export const ruleGroupAdapter: KindAdapter = {
  kind: 'alert-rule-group',
  markInLedger: () => true,
  async list(ctx, desired) {
    const wanted = new Map<string, string>();
    for (const d of desired) wanted.set(d.uid, d.folder ?? String(d.body.folderUid));
    for (const [key, mark] of Object.entries(ctx.ledger)) {
      const [kind, ...rest] = key.split('/');
      const uid = rest.join('/');
      if (kind === 'alert-rule-group' && !wanted.has(uid) && mark.folder) wanted.set(uid, mark.folder);
    }
    const found = await Promise.all([...wanted].map(([uid, folder]) => readGroup(ctx, folder, uid)));
    return new Map(found.filter((g): g is LiveResource => !!g).map((g) => [g.uid, g]));
  },
  get: (ctx, d) => readGroup(ctx, d.folder ?? String(d.body.folderUid), d.uid),
  comparable: (_ctx, r) => comparableRuleGroup(r.resolved),
  async write(ctx, r) {
    await ctx.client.send('PUT', groupPath(r.folder ?? String(r.resolved.folderUid), r.uid), {
      body: r.resolved,
      headers: WRITE_HEADERS,
      what: `alert-rule-group ${r.uid}`,
    });
  },
  async remove(ctx, live) {
    await ctx.client.send('DELETE', groupPath(live.folder ?? '', live.uid), { allow: [404], what: `alert-rule-group ${live.uid}` });
  },
};

export { isLedger, ledgerName };
