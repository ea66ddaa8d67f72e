import { dirname, relative } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { buildEnvironment, canonicalJson, contentHash, writeArtifacts, type EnvironmentBuild, type ManifestEntry } from '@o11y/artifacts';
import { DefinitionError, formatProblem, type EnvironmentDefinition } from '@o11y/environment';
import { applyPlan, planPublish, type ApplyEvent } from '@o11y/publish';
import { createModuleLoader, type ModuleLoader } from './module-loader.js';

export interface EditLoopOptions {
  readonly workspaceRoot: string;
  /** environments/<env>/src/environment.ts, or any file exporting an environment. */
  readonly environmentFile: string;
  /** Where the artifacts go (dist/<env>). */
  readonly distDir: string;
  /**
   * Publisher environment: GRAFANA_URL and credentials; or a function giving it once the environment is
   * loaded (the preview starts a stand-in imitating the declared Grafana version).
   */
  readonly grafanaEnv:
    Readonly<Record<string, string>> | ((environment: EnvironmentDefinition) => Promise<Readonly<Record<string, string>>>);
  /** Data source URLs to use instead of the built ones, by data source type (the local stack's real ports). */
  readonly datasourceUrls?: Readonly<Record<string, string>>;
  /** How often the local stack scrapes: the "Scrape interval" (jsonData.timeInterval) of those data sources. */
  readonly scrapeInterval?: string;
  readonly log: (line: string) => void;
  /** Wait this long after a save for more saves before rebuilding. @default 30 ms */
  readonly debounceMs?: number;
}

export interface PublishedChange {
  readonly kind: string;
  readonly uid: string;
  readonly outcome: ApplyEvent['outcome'];
}

/** One save's outcome: what was published and how long from the file event to the end of publishing. */
export interface SaveResult {
  readonly ok: boolean;
  readonly changes: readonly PublishedChange[];
  readonly ms: number;
}

export interface EditLoop {
  readonly distDir: string;
  /** Every resource of the last good build. */
  readonly manifest: () => readonly ManifestEntry[];
  readonly environment: () => EnvironmentDefinition;
  /** Resolves after the next save has been handled (for tests and the benchmark). */
  nextSave(): Promise<SaveResult>;
  stop(): Promise<void>;
}

const time = () => new Date().toTimeString().slice(0, 8);

function findEnvironment(mod: Record<string, unknown>): EnvironmentDefinition {
  const env = Object.values(mod).find(
    (v): v is EnvironmentDefinition => !!v && typeof v === 'object' && 'name' in v && 'grafana' in v && 'dashboards' in v,
  );
  if (!env) throw new Error('exports no environment (defineEnvironment(...))');
  return env;
}

/**
 * Points data sources at the local stack: the artifact's url replaced (and its scrape interval, so Grafana's
 * $__rate_interval fits the real scrapes), its hash recomputed.
 */
function withDatasourceUrls(build: EnvironmentBuild, urls: Readonly<Record<string, string>>, scrapeInterval?: string): EnvironmentBuild {
  const files = new Map(build.files);
  const resources = build.manifest.resources.map((r) => {
    if (r.kind !== 'datasource') return r;
    const body = JSON.parse(files.get(r.path)!) as { type?: string; url?: string; jsonData?: Record<string, unknown> };
    const url = body.type ? urls[body.type] : undefined;
    if (!url) return r;
    const jsonData = scrapeInterval ? { ...body.jsonData, timeInterval: scrapeInterval } : body.jsonData;
    const content = canonicalJson({ ...body, url, ...(jsonData ? { jsonData } : {}) });
    if (content === files.get(r.path)) return r;
    files.set(r.path, content);
    return { ...r, hash: contentHash(content) };
  });
  const manifest = { ...build.manifest, resources };
  files.set('manifest.json', canonicalJson(manifest));
  return { manifest, files };
}

function oneLine(e: unknown, root: string): string {
  if (e instanceof DefinitionError) {
    const first = formatProblem(e.problems[0]!);
    return e.problems.length > 1 ? `${first} (and ${e.problems.length - 1} more)` : first;
  }
  return ((e as Error).message ?? String(e)).replaceAll(`${root}/`, '').split('\n')[0]!;
}

/**
 * Builds and publishes an environment, then on every save of a file it is built from rebuilds in this
 * process (reloading only the touched modules), plans, and publishes only what changed. A save that
 * does not build keeps the last good version published.
 */
export async function startEditLoop(options: EditLoopOptions): Promise<EditLoop & { readonly initial: SaveResult }> {
  const { workspaceRoot: root, log } = options;
  const loader: ModuleLoader = await createModuleLoader(root);
  let watcher: FSWatcher | undefined;
  let lastGood: EnvironmentBuild | undefined;
  let env: EnvironmentDefinition | undefined;
  const waiters: ((r: SaveResult) => void)[] = [];

  const buildOnce = async (): Promise<EnvironmentBuild> => {
    env = findEnvironment(await loader.load(options.environmentFile));
    const build = buildEnvironment(env, root);
    return options.datasourceUrls ? withDatasourceUrls(build, options.datasourceUrls, options.scrapeInterval) : build;
  };

  let grafanaEnv: Readonly<Record<string, string>> | undefined;
  const publish = async (build: EnvironmentBuild, touched: Set<string> | undefined, started: number): Promise<SaveResult> => {
    await writeArtifacts(options.distDir, build.files);
    grafanaEnv ??= typeof options.grafanaEnv === 'function' ? await options.grafanaEnv(env!) : options.grafanaEnv;
    const plan = await planPublish({ distDir: options.distDir, env: { ...process.env, ...grafanaEnv }, gitCommit: undefined });
    // Once, at start: a version mismatch or an API fallback is worth one line, not one per save.
    if (!touched) for (const w of plan.warnings) log(`${time()} warning: ${w}`);
    try {
      // Only what this save touched (or everything at start): a drifted resource elsewhere stays the author's business.
      const wanted = plan.changes.filter(
        (c) => c.action !== 'unchanged' && c.action !== 'delete' && (!touched || touched.has(`${c.kind}/${c.uid}`)),
      );
      const result = await applyPlan({ ...plan, changes: wanted }, { backupRoot: `${root}/.o11y/backups` });
      const changes = result.events.map((e) => ({ kind: e.kind, uid: e.uid, outcome: e.outcome }));
      const ms = Math.round(performance.now() - started);
      if (!touched) {
        const n = result.counts;
        log(
          `${time()} published: ${n.created} created, ${n.updated} updated, ${n.unchanged} unchanged, ${n.refused} refused, ${n.failed} failed (${ms} ms)`,
        );
      }
      for (const e of result.events)
        if (touched || e.detail) log(`${time()} ${e.kind} ${e.uid} ${e.outcome}${e.detail ? `: ${e.detail}` : ''} (${ms} ms)`);
      return { ok: result.ok, changes, ms };
    } finally {
      await plan.context.client.close();
      await plan.target.cleanup();
    }
  };

  const started = performance.now();
  let initial: SaveResult;
  try {
    lastGood = await buildOnce();
    initial = await publish(lastGood, undefined, started);
  } catch (e) {
    await loader.close();
    throw e;
  }

  let queue: Promise<void> = Promise.resolve();
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const onSave = (file: string) => {
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending];
      pending = new Set();
      const t0 = performance.now();
      queue = queue.then(() => handleSave(files, t0));
    }, options.debounceMs ?? 30);
  };

  const handleSave = async (files: string[], t0: number): Promise<void> => {
    let result: SaveResult;
    const shown = files.map((f) => relative(root, f)).join(', ');
    try {
      const known = new Set(loader.sourceFiles());
      // A file read with fs (a plain JSON dashboard) is not a module: reload the environment that reads it.
      loader.invalidate(files.map((f) => (known.has(f) ? f : options.environmentFile)));
      const build = await buildOnce();
      const before = new Map(lastGood!.manifest.resources.map((r) => [`${r.kind}/${r.uid}`, r.hash]));
      const touched = new Set(
        build.manifest.resources.filter((r) => before.get(`${r.kind}/${r.uid}`) !== r.hash).map((r) => `${r.kind}/${r.uid}`),
      );
      lastGood = build;
      if (touched.size === 0) {
        const ms = Math.round(performance.now() - t0);
        log(`${time()} ${shown}: no resource changed (${ms} ms)`);
        result = { ok: true, changes: [], ms };
      } else {
        result = await publish(build, touched, t0);
      }
      watcher?.add(loader.sourceFiles());
    } catch (e) {
      const ms = Math.round(performance.now() - t0);
      log(`${time()} ${shown}: not published, the last good version stays: ${oneLine(e, root)} (${ms} ms)`);
      result = { ok: false, changes: [], ms };
    }
    for (const w of waiters.splice(0)) w(result);
  };

  const dashboardSources = () => lastGood!.manifest.resources.filter((r) => r.source).map((r) => `${root}/${r.source}`);
  watcher = watch([...loader.sourceFiles(), ...dashboardSources(), dirname(options.environmentFile)], {
    ignoreInitial: true,
    ignored: (p) => p.includes('/node_modules/') || /\/dist(\/|$)/.test(relative(root, p)),
    awaitWriteFinish: false,
  });
  watcher.on('change', onSave).on('add', onSave);
  await new Promise<void>((resolve) => watcher!.once('ready', () => resolve()));

  return {
    initial,
    distDir: options.distDir,
    manifest: () => lastGood!.manifest.resources,
    environment: () => env!,
    nextSave: () => new Promise<SaveResult>((resolve) => waiters.push(resolve)),
    stop: async () => {
      clearTimeout(timer);
      await watcher?.close();
      await queue.catch(() => {});
      await loader.close();
    },
  };
}
