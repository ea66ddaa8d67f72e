import { readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { replaceFile, replaceFolder } from '@o11y/artifacts';
import { importDashboard } from '@o11y/dashboard-import';
import {
  ADAPTERS,
  checksum,
  MARK_KEY,
  omit,
  planPublish,
  pruneDefaults,
  PublishError,
  type Plan,
  type PlannedChange,
  type PlanOptions,
} from '@o11y/publish';
import { pullDiff } from './pull-diff.js';
import { panelHints, type PanelHint } from './builder-hints.js';
import { classifySource, type DashboardSource } from './dashboard-source.js';
import { liveDashboardModel } from './live-model.js';

type Json = Record<string, unknown>;

export interface PullOptions extends PlanOptions {
  readonly workspaceRoot: string;
  /** Dashboards to pull; default: every dashboard plan reports as drifted. */
  readonly uids?: readonly string[];
  /** Bring the live version into code (regenerate imported projects, rewrite JSON, print builder calls for hand-written code). */
  readonly write?: boolean;
}

export interface PulledDashboard {
  readonly uid: string;
  readonly title?: string;
  readonly source: DashboardSource;
  /** What plan said about it. */
  readonly action: PlannedChange['action'];
  readonly reason?: string;
  /** Semantic diff, built artifact -> live version. */
  readonly diff: readonly string[];
  /** Files or folder written (with --write). */
  readonly written?: string;
  /** For hand-written code: panel by panel, what to add or change. */
  readonly hints?: { readonly panels: readonly PanelHint[]; readonly dashboard: readonly string[] };
  /** The live version's ownership mark was renewed, so the next plan sees the code and Grafana agree. */
  readonly adopted?: boolean;
  /** Where the regenerated code does not build the live version exactly (the importer's deliberate changes). */
  readonly roundTrip?: readonly string[];
  /** One line on what was not done and why. */
  readonly note?: string;
}

export interface PullResult {
  readonly environment: string;
  readonly url: string;
  readonly dashboards: readonly PulledDashboard[];
}

// What publish compares: the model without fields Grafana sets, plus the folder.
function comparable(model: Json, folder: string | undefined): unknown {
  return pruneDefaults({ ...omit(model, ['id', 'version', 'iteration', 'uid', MARK_KEY]), __folder: folder ?? '' });
}

function manifestSources(distDir: string): Map<string, string | undefined> {
  const manifest = JSON.parse(readFileSync(join(distDir, 'manifest.json'), 'utf8')) as {
    resources: { kind: string; uid: string; source?: string }[];
  };
  return new Map(manifest.resources.filter((r) => r.kind === 'dashboard').map((r) => [r.uid, r.source]));
}

/**
 * For each drifted dashboard (or each uid given): the live version against the built artifact, and
 * with `write` the live version brought into code the way its source allows.
 */
export async function pullDashboards(options: PullOptions): Promise<PullResult> {
  const plan = await planPublish(options);
  try {
    const sources = manifestSources(options.distDir);
    const dashboards = plan.changes.filter((c) => c.kind === 'dashboard' && c.desired);
    let selected: PlannedChange[];
    if (options.uids?.length) {
      selected = options.uids.map((uid) => {
        const c = dashboards.find((d) => d.uid === uid);
        if (!c) throw new PublishError(`${plan.environment}: dashboard ${uid} is not defined in this environment`);
        return c;
      });
    } else {
      selected = dashboards.filter((c) => c.action === 'drifted');
    }
    const out: PulledDashboard[] = [];
    for (const c of selected) out.push(await pullOne(plan, c, classifySource(options.workspaceRoot, sources.get(c.uid)), options));
    return { environment: plan.environment, url: plan.url, dashboards: out };
  } finally {
    await plan.context.client.close();
    await plan.target.cleanup();
  }
}

async function pullOne(plan: Plan, c: PlannedChange, source: DashboardSource, options: PullOptions): Promise<PulledDashboard> {
  const base = { uid: c.uid, title: c.title, source, action: c.action, reason: c.reason };
  if (!c.live) return { ...base, diff: [], note: 'not in Grafana: nothing to pull' };
  const built = c.desired!.body;
  const live = liveDashboardModel(c.live);
  const diff = pullDiff(comparable(built, c.desired!.folder), c.live.comparable).map((l) => plan.redactor.redact(l));
  if (!options.write || diff.length === 0) return { ...base, diff };

  if (source.kind === 'hand-written') {
    return {
      ...base,
      diff,
      hints: await panelHints(built, live),
      note: `hand-written code is never overwritten: make these changes in ${relative(options.workspaceRoot, source.file)}`,
    };
  }
  if (source.kind === 'unknown') return { ...base, diff, note: 'the manifest names no source file: rebuild the environment' };

  let written: string;
  let roundTrip: string[] = [];
  if (source.kind === 'json') {
    const text = readFileSync(source.file, 'utf8');
    const current = JSON.parse(text) as Json;
    // Keep an API-response wrapper ({dashboard, meta}) if the file had one.
    const next = current.dashboard && typeof current.dashboard === 'object' ? { ...current, dashboard: live } : live;
    replaceFile(source.file, `${JSON.stringify(next, null, 2)}\n`);
    written = source.file;
  } else {
    const root = options.workspaceRoot;
    const { files, report } = await importDashboard(structuredClone(live), {
      name: basename(source.projectDir),
      source: `${plan.url.replace(/\/+$/, '')}/d/${c.uid} by o11y pull`,
      directory: relative(root, source.projectDir).split(sep).join('/'),
      workspaceRoot: root,
    });
    replaceFolder(source.projectDir, files);
    written = source.projectDir;
    // The generated code builds the live version except where the importer changes it on purpose; plan will show those.
    roundTrip = report.differences.map(
      (d) => `${d.path}: ${JSON.stringify(d.expected)} -> ${JSON.stringify(d.actual)}${d.explanation ? ` (${d.explanation})` : ''}`,
    );
  }
  const ours = c.live.mark?.environment === plan.environment;
  if (!ours)
    return { ...base, diff, written, roundTrip, note: `not adopted (${c.reason ?? 'not owned by this environment'}): publish decides` };
  await adopt(plan, c, live);
  const folderNote =
    (c.live.folder ?? '') !== (c.desired!.folder ?? '')
      ? `moved to folder ${c.live.folder ?? '(General)'} in Grafana; the folder is set in the environment file`
      : undefined;
  return { ...base, diff, written, roundTrip, adopted: true, note: folderNote };
}

/** Renews the live dashboard's ownership mark to its own content: code now defines it, so it is no longer drifted. */
async function adopt(plan: Plan, c: PlannedChange, live: Json): Promise<void> {
  const mark = {
    environment: plan.environment,
    checksum: checksum(c.live!.comparable),
    source: `dist/${plan.environment}/${c.desired!.path}`,
  };
  const ctx = { ...plan.context, message: `o11y pull ${plan.environment}: the live version is now in code` };
  await ADAPTERS.dashboard.write(ctx, { ...c.desired!, folder: c.live!.folder, resolved: live }, mark, c.live);
}
