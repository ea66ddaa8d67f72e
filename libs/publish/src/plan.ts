import { join } from 'node:path';
import { GRAFANA_KINDS, readArtifacts, type EnvironmentArtifacts, type GrafanaKind } from './artifacts.js';
import { semanticDiff } from './diff.js';
import { GrafanaClient, GrafanaHttpError } from './grafana-client.js';
import { ADAPTERS, type KindContext, type LiveResource, type ResolvedResource } from './kinds/index.js';
import { readTemplates } from './kinds/alerting.js';
import { checksum } from './normalize.js';
import { ledgerName, parseLedger, type Ledger } from './ownership.js';
import { resolveResources } from './resolve-env.js';
import { redactorFor, type Redactor } from './secrets.js';
import { detectServer, versionWarnings, type ServerInfo } from './server-version.js';
import { resolveTarget as defaultResolveTarget, type ResolvedTarget, type TargetResolver } from './target.js';

export type PlanAction = 'create' | 'update' | 'unchanged' | 'drifted' | 'delete';

/** One resource's planned change. `diff` lines are redacted; `desired`/`live` are internal. */
export interface PlannedChange {
  readonly kind: GrafanaKind;
  readonly uid: string;
  readonly title?: string;
  readonly action: PlanAction;
  /** Why it is drifted, or what an update without content change does. */
  readonly reason?: string;
  readonly diff: readonly string[];
  /** For drifted resources: the action --force would take. */
  readonly forceAction?: 'create' | 'update' | 'delete';
  readonly desired?: ResolvedResource;
  readonly live?: LiveResource;
  /** Checksum of the desired comparable form: what the mark will record. */
  readonly checksum?: string;
  /** Folder depth, for parents-first ordering. */
  readonly depth: number;
}

export interface Plan {
  readonly environment: string;
  readonly url: string;
  readonly server: ServerInfo;
  readonly warnings: readonly string[];
  readonly changes: readonly PlannedChange[];
  readonly context: KindContext;
  readonly ledger: Ledger;
  readonly redactor: Redactor;
  readonly target: ResolvedTarget;
}

export interface PlanOptions {
  /** dist/<env> of the environment to publish. */
  readonly distDir: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly resolveTarget?: TargetResolver;
  readonly caFile?: string;
  readonly insecureSkipTlsVerify?: boolean;
  readonly timeoutMs?: number;
  /** Total time for the run, in ms (default 10 minutes). */
  readonly deadlineMs?: number;
  readonly gitCommit?: string;
  readonly minBackoffMs?: number;
  readonly retries?: number;
}

/** Save message of every dashboard write: tool, environment and the commit it came from. */
export function saveMessage(environment: string, gitCommit?: string): string {
  return `o11y publish ${environment}${gitCommit ? ` from git ${gitCommit}` : ''}`.slice(0, 500);
}

function folderDepth(uid: string, parents: Map<string, string | undefined>): number {
  let depth = 0;
  for (let p = parents.get(uid); p && depth < 10; p = parents.get(p)) depth++;
  return depth;
}

/** Reads the artifacts and the live state and decides, per resource, what publishing would do. */
export async function planPublish(options: PlanOptions): Promise<Plan> {
  const env = options.env ?? process.env;
  const { manifest, resources } = readArtifacts(options.distDir);
  const environment = manifest.environment;
  // References and SNS topics are checked before the target is resolved: a bad value costs no AMG token.
  const redactor = redactorFor(resources, env);
  const resolved = resolveResources(environment, resources, env, {
    serviceManagedSns: manifest.grafana.kind === 'amazon-managed-grafana',
    redactor,
  });
  const target = await (options.resolveTarget ?? defaultResolveTarget)(manifest, env);
  for (const secret of target.secrets ?? []) redactor.add(secret, '***');
  try {
    return await planAgainstTarget(options, manifest, resources, resolved, redactor, target);
  } catch (e) {
    // The caller only cleans up a plan it got: a failed plan revokes temporary credentials (AMG tokens) here.
    await target.cleanup();
    throw e;
  }
}

async function planAgainstTarget(
  options: PlanOptions,
  manifest: EnvironmentArtifacts['manifest'],
  resources: EnvironmentArtifacts['resources'],
  resolved: ResolvedResource[],
  redactor: Redactor,
  target: ResolvedTarget,
): Promise<Plan> {
  const environment = manifest.environment;
  const client = new GrafanaClient({
    url: target.url,
    auth: target.auth,
    orgId: target.orgId,
    caFile: options.caFile,
    insecureSkipTlsVerify: options.insecureSkipTlsVerify,
    timeoutMs: options.timeoutMs,
    deadline: Date.now() + (options.deadlineMs ?? 600_000),
    errorPrefix: environment,
    minBackoffMs: options.minBackoffMs,
    retries: options.retries,
  });
  let server = await detectServer(client, environment, { healthBlocked: target.healthBlocked });
  const warnings = versionWarnings(
    manifest.grafana.version,
    server,
    resources.some((r) => r.kind === 'folder' && r.folder),
    resources.filter((r) => r.kind === 'datasource').map((r) => String(r.body.type)),
  );
  let namespace = 'default';
  if (server.apis) {
    const org = await client.get<{ id?: number }>('/api/org', { what: 'organisation' });
    if (org?.id && org.id !== 1) namespace = `org-${org.id}`;
  }
  const templates = await readTemplates({ client, environment });
  const ledgerTemplate = templates.find((t) => t.name === ledgerName(environment));
  const ledger = parseLedger(ledgerTemplate?.template as string | undefined);
  let context: KindContext = { client, server, environment, namespace, message: saveMessage(environment, options.gitCommit), ledger };

  const byKind = new Map<GrafanaKind, ResolvedResource[]>(GRAFANA_KINDS.map((k) => [k, []]));
  for (const r of resolved) byKind.get(r.kind)!.push(r);
  // Only kinds the environment defines, or whose resources it owned, are read.
  const ledgerKinds = new Set(Object.keys(ledger).map((k) => k.split('/')[0]));
  const kindsToRead = GRAFANA_KINDS.filter((k) => byKind.get(k)!.length > 0 || ledgerKinds.has(k) || !ADAPTERS[k].markInLedger(context));
  const liveByKind = new Map<GrafanaKind, Map<string, LiveResource>>();
  try {
    // Folders first: on 12+ this also tells whether the Kubernetes-style APIs answer.
    liveByKind.set('folder', await ADAPTERS.folder.list(context, byKind.get('folder')!));
  } catch (e) {
    if (!(server.apis && e instanceof GrafanaHttpError && e.status === 404)) throw e;
    warnings.push(`the server answers 404 on /apis/folder.grafana.app/${server.apis}: using the legacy /api for folders and dashboards`);
    server = { ...server, apis: undefined };
    context = { ...context, server };
    liveByKind.set('folder', await ADAPTERS.folder.list(context, byKind.get('folder')!));
  }
  await Promise.all(
    kindsToRead
      .filter((k) => k !== 'folder')
      .map(async (k) => {
        liveByKind.set(k, await ADAPTERS[k].list(context, byKind.get(k)!));
      }),
  );

  const parents = new Map<string, string | undefined>();
  for (const r of byKind.get('folder')!) parents.set(r.uid, r.folder);
  for (const l of liveByKind.get('folder')?.values() ?? []) if (!parents.has(l.uid)) parents.set(l.uid, l.folder);

  const changes: PlannedChange[] = [];
  const diffOf = (a: unknown, b: unknown) => semanticDiff(a, b).map((l) => redactor.redact(l));
  for (const kind of GRAFANA_KINDS) {
    const adapter = ADAPTERS[kind];
    const live = liveByKind.get(kind) ?? new Map<string, LiveResource>();
    const inLedger = adapter.markInLedger(context);
    for (const r of byKind.get(kind)!) {
      const comparable = adapter.comparable(context, r);
      const sum = checksum(comparable);
      const l = live.get(r.uid);
      const base = {
        kind,
        uid: r.uid,
        title: r.title,
        desired: r,
        live: l,
        checksum: sum,
        depth: kind === 'folder' ? folderDepth(r.uid, parents) : 0,
      };
      if (!l) {
        changes.push({ ...base, action: 'create', diff: [] });
        continue;
      }
      const liveSum = checksum(l.comparable);
      // Only changed and drifted resources show a diff: an unchanged one need not pay for it.
      const diff = () => diffOf(l.comparable, comparable);
      const owner = l.mark?.environment;
      if (l.foreignManager) {
        changes.push({
          ...base,
          action: 'drifted',
          forceAction: 'update',
          diff: diff(),
          reason: `managed by ${l.foreignManager}, not by environment ${environment}`,
        });
      } else if (owner && owner !== environment) {
        changes.push({ ...base, action: 'drifted', forceAction: 'update', diff: diff(), reason: `managed by environment ${owner}` });
      } else if (liveSum === sum) {
        const marked = owner === environment && l.mark?.checksum === sum;
        // Identical but unmarked (a rerun after an interrupted publish, or the same content made by hand): take ownership.
        if (marked || inLedger) changes.push({ ...base, action: 'unchanged', diff: [] });
        else changes.push({ ...base, action: 'update', diff: [], reason: 'identical; records ownership' });
      } else if (!owner && !l.isDefault) {
        changes.push({
          ...base,
          action: 'drifted',
          forceAction: 'update',
          diff: diff(),
          reason: `exists in Grafana but is not managed by environment ${environment}`,
        });
      } else if (owner && l.mark?.checksum !== liveSum) {
        changes.push({
          ...base,
          action: 'drifted',
          forceAction: 'update',
          diff: diff(),
          reason: 'edited in Grafana since o11y last published it',
        });
      } else {
        changes.push({ ...base, action: 'update', diff: diff() });
      }
    }
    const wanted = new Set(byKind.get(kind)!.map((r) => r.uid));
    for (const l of live.values()) {
      if (wanted.has(l.uid) || l.mark?.environment !== environment || l.foreignManager) continue;
      const base = { kind, uid: l.uid, live: l, diff: [], depth: kind === 'folder' ? folderDepth(l.uid, parents) : 0 };
      if (l.mark.checksum !== checksum(l.comparable)) {
        changes.push({
          ...base,
          action: 'drifted',
          forceAction: 'delete',
          reason: 'no longer defined, but edited in Grafana since o11y last published it',
        });
      } else {
        changes.push({ ...base, action: 'delete' });
      }
    }
  }
  return { environment, url: target.url, server, warnings, changes, context, ledger, redactor, target };
}

/**
 * What a plan shows to users and machines: no bodies, no secrets. Deletes are always listed;
 * `apply` says whether publish with the same flags would carry a change out (deletes only with --prune).
 */
export function planSummary(
  plan: Pick<Plan, 'environment' | 'url' | 'server' | 'warnings' | 'changes'>,
  options: { prune?: boolean } = {},
) {
  const counts: Record<PlanAction, number> = { create: 0, update: 0, unchanged: 0, drifted: 0, delete: 0 };
  for (const c of plan.changes) counts[c.action]++;
  return {
    environment: plan.environment,
    url: plan.url,
    grafanaVersion: plan.server.version,
    api: plan.server.apis ? `/apis ${plan.server.apis} + /api` : '/api',
    warnings: plan.warnings,
    counts,
    prune: options.prune ?? false,
    changes: plan.changes.map((c) => ({
      kind: c.kind,
      uid: c.uid,
      ...(c.title ? { title: c.title } : {}),
      action: c.action,
      apply: c.action === 'create' || c.action === 'update' || (c.action === 'delete' && !!options.prune),
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.diff.length ? { diff: c.diff } : {}),
    })),
  };
}

export function hasChanges(plan: Pick<Plan, 'changes'>): boolean {
  return plan.changes.some((c) => c.action !== 'unchanged');
}

export const distDirOf = (root: string, environment: string) => join(root, 'dist', environment);
