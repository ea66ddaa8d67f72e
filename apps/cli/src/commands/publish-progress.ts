import { GRAFANA_KINDS, type ApplyEvent, type GrafanaKind, type PlannedChange } from '@o11y/publish';

/** How publish reports each finished resource while it applies a plan. */
export interface PublishProgress {
  onEvent(event: ApplyEvent): void;
  /** Shows progress until `work` settles, then prints what was kept for the end. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

interface ProgressOutput {
  /** A line on stdout (already redacted by the caller). */
  say(line: string): void;
  /** An error line on stderr. */
  error(line: string): void;
}

const VERB: Record<ApplyEvent['outcome'], string> = {
  created: 'created',
  updated: 'updated',
  deleted: 'deleted',
  unchanged: 'unchanged',
  refused: 'refused',
  failed: 'failed',
  skipped: 'not applied',
  'not-pruned': 'kept',
};

function eventLine(e: ApplyEvent): string {
  return `${VERB[e.outcome]} ${e.kind} ${e.uid}${e.detail ? `: ${e.detail}` : ''}`;
}

/** CI and pipes: one plain line per changed resource, errors on stderr as they happen. */
export function plainProgress(out: ProgressOutput): PublishProgress {
  return {
    onEvent(e) {
      if (e.outcome === 'unchanged') return;
      if (e.outcome === 'refused' || e.outcome === 'failed') out.error(e.detail ?? eventLine(e));
      else out.say(eventLine(e));
    },
    run: (work) => work(),
  };
}

/**
 * A terminal: a listr2 task per kind with changes, counting down as resources finish; lines with
 * details (backups, kept resources) and errors are printed once the list is done, so they do not tear it.
 */
export function terminalProgress(changes: readonly PlannedChange[], out: ProgressOutput): PublishProgress {
  const totals = new Map<GrafanaKind, number>();
  for (const c of changes) if (c.action !== 'unchanged') totals.set(c.kind, (totals.get(c.kind) ?? 0) + 1);
  const done = new Map<GrafanaKind, ApplyEvent[]>();
  const waiting = new Map<GrafanaKind, () => void>();
  const titles = new Map<GrafanaKind, (title: string) => void>();
  const later: (() => void)[] = [];
  const title = (kind: GrafanaKind) => `${kind}: ${done.get(kind)?.length ?? 0}/${totals.get(kind)}`;

  const finish = (kind: GrafanaKind) => {
    waiting.get(kind)?.();
    waiting.delete(kind);
  };

  return {
    onEvent(e) {
      if (e.outcome === 'unchanged') return;
      done.set(e.kind, [...(done.get(e.kind) ?? []), e]);
      titles.get(e.kind)?.(title(e.kind));
      if (e.outcome === 'refused' || e.outcome === 'failed') later.push(() => out.error(e.detail ?? eventLine(e)));
      else if (e.detail) later.push(() => out.say(eventLine(e)));
      if ((done.get(e.kind)?.length ?? 0) >= (totals.get(e.kind) ?? 0)) finish(e.kind);
    },
    async run(work) {
      const kinds = GRAFANA_KINDS.filter((k) => totals.has(k));
      // Loaded only on a terminal: CI runs do not pay for it.
      const { Listr } = await import('listr2');
      const list = new Listr(
        kinds.map((kind) => ({
          title: title(kind),
          task: async (_ctx: unknown, task: { title: string }) => {
            titles.set(kind, (t) => (task.title = t));
            if ((done.get(kind)?.length ?? 0) < (totals.get(kind) ?? 0)) await new Promise<void>((resolve) => waiting.set(kind, resolve));
            const events = done.get(kind) ?? [];
            const bad = events.filter((e) => e.outcome === 'failed' || e.outcome === 'refused' || e.outcome === 'skipped').length;
            task.title = title(kind);
            if (bad) throw new Error(`${kind}: ${bad} not applied`);
          },
        })),
        { concurrent: true, exitOnError: false, rendererOptions: { collapseErrors: false } },
      );
      const rendering = list.run().catch(() => undefined);
      try {
        return await work();
      } finally {
        for (const kind of kinds) finish(kind);
        await rendering;
        for (const print of later) print();
      }
    },
  };
}
