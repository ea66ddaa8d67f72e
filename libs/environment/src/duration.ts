// Prometheus duration syntax (units in descending order, each at most once), as rules and Alertmanager take it.
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_SECONDS = [365 * 86400, 7 * 86400, 86400, 3600, 60, 1, 0.001];

/** Seconds in a Prometheus duration such as "1m", "1h30m" or "0s"; undefined when it does not parse. */
export function parseDuration(text: string): number | undefined {
  if (text === '') return undefined;
  const m = DURATION.exec(text);
  if (!m) return undefined;
  return m.slice(1).reduce((sum, part, i) => sum + (part ? Number(part) * UNIT_SECONDS[i]! : 0), 0);
}

/** Problems of a duration field: empty when it parses (and, with `minSeconds`, is long enough). */
export function durationProblems(text: string, minSeconds = 0): string[] {
  const s = parseDuration(text);
  if (s === undefined) return [`duration ${JSON.stringify(text)} does not parse (use e.g. "30s", "5m", "1h30m")`];
  if (s < minSeconds) return [`duration ${JSON.stringify(text)} is shorter than ${minSeconds}s`];
  return [];
}
