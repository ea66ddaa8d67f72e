import { prometheusApi } from './prometheus-api.js';

export interface WaitForScrapesOptions {
  /** Scrapes each job must have had, so rate() over a few intervals has samples. @default 5 */
  readonly scrapes?: number;
  /** @default 30 s */
  readonly timeoutMs?: number;
}

/** Waits until every job is up and has been scraped `scrapes` times; on timeout, names the jobs and their scrape errors. */
export async function waitForScrapes(prometheusUrl: string, jobs: readonly string[], options: WaitForScrapesOptions = {}): Promise<void> {
  const api = prometheusApi(prometheusUrl);
  const scrapes = options.scrapes ?? 5;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let missing: string[] = [...jobs];
  while (Date.now() < deadline) {
    const now = Date.now();
    const [up, counts] = await Promise.all([api.query('up', now), api.query('min by (job) (count_over_time(up[1h]))', now)]).catch(() => [
      [],
      [],
    ]);
    const isUp = new Set(up.filter((s) => s.values[0]?.[1] === '1').map((s) => s.metric.job));
    const scraped = new Map(counts.map((s) => [s.metric.job, Number(s.values[0]?.[1])]));
    missing = jobs.filter((j) => !isUp.has(j) || (scraped.get(j) ?? 0) < scrapes);
    if (missing.length === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `Prometheus at ${prometheusUrl} did not scrape ${missing.join(', ')} ${scrapes} times in time: ${await targetErrors(prometheusUrl)}`,
  );
}

async function targetErrors(prometheusUrl: string): Promise<string> {
  try {
    const body = (await (await fetch(`${prometheusUrl}/api/v1/targets`)).json()) as {
      data: { activeTargets: { labels: { job: string }; health: string; lastError: string }[] };
    };
    return (
      body.data.activeTargets.map((t) => `${t.labels.job} ${t.health}${t.lastError ? ` (${t.lastError})` : ''}`).join('; ') ||
      // The preview's Prometheus scrapes nothing itself; the collector does and remote-writes.
      'no targets in Prometheus: when the collector scrapes, see logs/otelcol.log in the preview data directory'
    );
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Waits until some job is up and every job seen in `up` has been scraped `scrapes` times; returns the scrape
 * count per job. For pipelines whose relabelling decides which jobs keep targets: by the time the first job has
 * `scrapes` scrapes, every job with a target has had at least `scrapes - 1` (one interval staggers first scrapes).
 */
export async function waitForScrapedJobs(prometheusUrl: string, options: WaitForScrapesOptions = {}): Promise<Map<string, number>> {
  const api = prometheusApi(prometheusUrl);
  const scrapes = options.scrapes ?? 5;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let scraped = new Map<string, number>();
  while (Date.now() < deadline) {
    const counts = await api.query('min by (job) (count_over_time(up[1h]))', Date.now()).catch(() => []);
    scraped = new Map(counts.map((s) => [s.metric.job ?? '', Number(s.values[0]?.[1])]));
    if (scraped.size > 0 && [...scraped.values()].every((n) => n >= scrapes)) return scraped;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const seen = [...scraped].map(([job, n]) => `${job} ${n}`).join(', ') || 'no job';
  throw new Error(`Prometheus at ${prometheusUrl} did not get ${scrapes} scrapes of every job in time (scrapes so far: ${seen})`);
}
