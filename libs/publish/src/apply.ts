import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { GRAFANA_KINDS, type GrafanaKind } from './artifacts.js';
import { PublishError } from './errors.js';
import { GrafanaHttpError, isRetryable, withRetries } from './grafana-client.js';
import { serverMessage } from './http-errors.js';
import { writeLedgerTemplate } from './kinds/alerting.js';
import { ADAPTERS } from './kinds/index.js';
import { checksum } from './normalize.js';
import { renderLedger, type Ledger, type OwnershipMark } from './ownership.js';
import type { Plan, PlannedChange } from './plan.js';

export interface ApplyOptions {
  readonly force?: boolean;
  readonly prune?: boolean;
  /** Parallel writes (default 8). */
  readonly concurrency?: number;
  /** Root of `.o11y/backups/<env>/<timestamp>/<kind>/<uid>.json`. */
  readonly backupRoot: string;
  /** Progress: one call per finished resource. */
  readonly onProgress?: (event: ApplyEvent) => void;
}

export type ApplyOutcome = 'created' | 'updated' | 'deleted' | 'unchanged' | 'refused' | 'failed' | 'skipped' | 'not-pruned';

export interface ApplyEvent {
  readonly kind: GrafanaKind;
  readonly uid: string;
  readonly outcome: ApplyOutcome;
  /** One line: error, refusal reason or backup path. */
  readonly detail?: string;
}

export interface ApplyResult {
  readonly events: readonly ApplyEvent[];
  readonly counts: Record<ApplyOutcome, number>;
  readonly backups: readonly string[];
  readonly ok: boolean;
  readonly reads: number;
  readonly writes: number;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** Applies a plan: creates and updates in apply order (parents first), then, with prune, deletes in reverse. */
export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const ctx = plan.context;
  const events: ApplyEvent[] = [];
  const backups: string[] = [];
  const ledger: Ledger = { ...plan.ledger };
  const backupDir = join(options.backupRoot, plan.environment, timestamp());
  const limit = pLimit(options.concurrency ?? 8);
  const record = (e: ApplyEvent) => {
    const safe = e.detail ? { ...e, detail: plan.redactor.redact(e.detail) } : e;
    events.push(safe);
    options.onProgress?.(safe);
  };

  const backup = (c: PlannedChange): string => {
    const file = join(backupDir, c.kind, `${c.uid}.json`);
    mkdirSync(join(backupDir, c.kind), { recursive: true });
    // Backups never hold secrets: values from the environment go back to their references.
    writeFileSync(file, `${plan.redactor.redact(JSON.stringify(c.live?.raw ?? null, null, 2))}\n`, { mode: 0o600 });
    backups.push(file);
    return file;
  };

  const ledgerKey = (c: PlannedChange) => `${c.kind}/${c.uid}`;
  const markOf = (c: PlannedChange): OwnershipMark => ({
    environment: plan.environment,
    checksum: c.checksum!,
    source: `dist/${plan.environment}/${c.desired!.path}`,
    ...(c.kind === 'alert-rule-group' && c.desired?.folder ? { folder: c.desired.folder } : {}),
  });

  /** One write, retried; after a lost answer it re-reads first, so a create is never repeated blindly. */
  const write = async (c: PlannedChange): Promise<void> => {
    const adapter = ADAPTERS[c.kind];
    const r = c.desired!;
    const mark = markOf(c);
    const inLedger = adapter.markInLedger(ctx);
    const planned = c.live ? checksum(c.live.comparable) : undefined;
    await withRetries(
      async (attempt) => {
        let live = c.live;
        if (attempt > 1) {
          live = await adapter.get(ctx, r);
          if (live && checksum(live.comparable) === c.checksum && (inLedger || live.mark?.checksum === c.checksum)) return;
          const now = live ? checksum(live.comparable) : undefined;
          const ours = live?.mark?.environment === plan.environment;
          if (now !== planned && !(ours && live?.mark?.checksum === now)) {
            throw new PublishError(`${plan.environment} ${c.kind} ${c.uid}: changed in Grafana while publishing; run plan again`);
          }
        }
        await adapter.write(ctx, r, mark, live);
      },
      {
        deadline: ctx.client.options.deadline,
        retries: ctx.client.options.retries,
        minBackoffMs: ctx.client.options.minBackoffMs,
        // A conflict after a retried write may be our own write whose answer was lost: re-read and see.
        retryWhen: (e, attempt) =>
          isRetryable(e) || (attempt > 1 && e instanceof GrafanaHttpError && (e.status === 409 || e.status === 412)),
      },
    );
    if (inLedger) ledger[ledgerKey(c)] = mark;
  };

  const remove = async (c: PlannedChange): Promise<void> => {
    await withRetries(() => ADAPTERS[c.kind].remove(ctx, c.live!), {
      deadline: ctx.client.options.deadline,
      retries: ctx.client.options.retries,
      minBackoffMs: ctx.client.options.minBackoffMs,
    });
    delete ledger[ledgerKey(c)];
  };

  const run = async (c: PlannedChange): Promise<boolean> => {
    const action = c.action === 'drifted' ? c.forceAction : c.action;
    if (c.action === 'unchanged') {
      if (ADAPTERS[c.kind].markInLedger(ctx) && c.desired) ledger[ledgerKey(c)] = markOf(c);
      record({ kind: c.kind, uid: c.uid, outcome: 'unchanged' });
      return true;
    }
    if (action === 'delete' && !options.prune) {
      record({ kind: c.kind, uid: c.uid, outcome: 'not-pruned', detail: 'no longer defined; publish with --prune to delete it' });
      return true;
    }
    if (c.action === 'drifted' && !options.force) {
      record({
        kind: c.kind,
        uid: c.uid,
        outcome: 'refused',
        detail: `${plan.environment} ${c.kind} ${c.uid}: refused: ${c.reason}; run \`o11y pull ${plan.environment}\` to bring the edit into code, or publish with --force to overwrite it (a backup is kept)`,
      });
      return true;
    }
    try {
      const saved = c.action === 'drifted' && c.live ? backup(c) : undefined;
      if (action === 'delete') await remove(c);
      else await write(c);
      const outcome = action === 'create' ? 'created' : action === 'delete' ? 'deleted' : 'updated';
      record({ kind: c.kind, uid: c.uid, outcome, detail: saved ? `backup of the live version: ${saved}` : undefined });
      return true;
    } catch (e) {
      const message = e instanceof PublishError ? e.message : `${plan.environment} ${c.kind} ${c.uid}: ${(e as Error).message}`;
      record({ kind: c.kind, uid: c.uid, outcome: 'failed', detail: folderHoldsRules(plan.environment, c, e) ?? message });
      return false;
    }
  };

  const isDelete = (c: PlannedChange) => (c.action === 'drifted' ? c.forceAction : c.action) === 'delete';
  const writes = plan.changes.filter((c) => !isDelete(c));
  const deletes = plan.changes.filter(isDelete);
  let ok = true;
  const pending = new Set(plan.changes);

  // Batches: one per kind in apply order; folders one per depth (parents first).
  const batches = (list: PlannedChange[], reverse: boolean): PlannedChange[][] => {
    const keys = [...new Set(list.map((c) => `${GRAFANA_KINDS.indexOf(c.kind)}:${c.depth}`))];
    const num = (k: string) => k.split(':').map(Number) as [number, number];
    keys.sort((a, b) => num(a)[0] - num(b)[0] || num(a)[1] - num(b)[1]);
    if (reverse) keys.reverse();
    return keys.map((k) => list.filter((c) => `${GRAFANA_KINDS.indexOf(c.kind)}:${c.depth}` === k));
  };

  for (const batch of [...batches(writes, false), ...(options.prune ? batches(deletes, true) : [deletes])]) {
    if (!ok) break;
    const results = await Promise.all(
      batch.map((c) =>
        limit(async () => {
          const r = await run(c);
          pending.delete(c);
          return r;
        }),
      ),
    );
    if (results.includes(false)) ok = false;
  }
  for (const c of pending) record({ kind: c.kind, uid: c.uid, outcome: 'skipped', detail: 'not applied: an earlier step failed' });

  if (JSON.stringify(ledger) !== JSON.stringify(plan.ledger) && Object.keys(ledger).length + Object.keys(plan.ledger).length > 0) {
    try {
      await withRetries(() => writeLedgerTemplate(ctx, renderLedger(plan.environment, ledger)), {
        deadline: ctx.client.options.deadline,
        minBackoffMs: ctx.client.options.minBackoffMs,
      });
    } catch (e) {
      ok = false;
      record({ kind: 'alert-template', uid: `o11y-ownership-${plan.environment}`, outcome: 'failed', detail: (e as Error).message });
    }
  }

  const counts: Record<ApplyOutcome, number> = {
    created: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    refused: 0,
    failed: 0,
    skipped: 0,
    'not-pruned': 0,
  };
  for (const e of events) counts[e.outcome]++;
  return {
    events,
    counts,
    backups,
    ok: ok && counts.refused === 0 && counts.failed === 0,
    reads: ctx.client.counts.reads,
    writes: ctx.client.counts.writes,
  };
}

function folderHoldsRules(environment: string, c: PlannedChange, e: unknown): string | undefined {
  // Grafana refuses to delete a folder with alert rules unless forceDeleteRules (folder.not-empty).
  if (c.kind !== 'folder' || !(e instanceof GrafanaHttpError) || !/alert rule|folder\.not-empty|not empty/i.test(e.body)) return undefined;
  return `${environment} folder ${c.uid}: cannot delete: ${serverMessage(e.body)}: it holds alert rules not managed here; move or delete them in Grafana first`;
}
