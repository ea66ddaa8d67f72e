/** Where a dashboard lives in Grafana: `https://grafana.example.com/d/<uid>/<slug>` or `<grafana-url>/<uid>`. */
export interface DashboardLocation {
  readonly grafanaUrl: string;
  readonly uid: string;
}

export function parseDashboardUrl(url: string): DashboardLocation {
  const u = new URL(url);
  const parts = u.pathname.split('/').filter(Boolean);
  const d = parts.indexOf('d');
  const [prefix, uid] = d >= 0 && parts[d + 1] ? [parts.slice(0, d), parts[d + 1]!] : [parts.slice(0, -1), parts[parts.length - 1]];
  if (!uid) throw new Error(`${url}: no dashboard uid in the URL (expected <grafana-url>/<uid> or <grafana-url>/d/<uid>/<slug>)`);
  return { grafanaUrl: `${u.origin}${prefix.length ? `/${prefix.join('/')}` : ''}`, uid };
}

/** Credentials from the environment: GRAFANA_TOKEN (bearer) or GRAFANA_USER / GRAFANA_PASSWORD (basic). */
export function grafanaAuthHeader(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GRAFANA_TOKEN) return `Bearer ${env.GRAFANA_TOKEN}`;
  if (env.GRAFANA_USER) return `Basic ${Buffer.from(`${env.GRAFANA_USER}:${env.GRAFANA_PASSWORD ?? ''}`).toString('base64')}`;
  return undefined;
}

/** `GET <grafana>/api/dashboards/uid/<uid>`; every failure is one line naming the URL and what to do. */
export async function fetchDashboard(url: string, env: NodeJS.ProcessEnv = process.env): Promise<unknown> {
  const { grafanaUrl, uid } = parseDashboardUrl(url);
  const api = `${grafanaUrl}/api/dashboards/uid/${encodeURIComponent(uid)}`;
  const auth = grafanaAuthHeader(env);
  let response: Response;
  try {
    response = await fetch(api, { headers: { accept: 'application/json', ...(auth ? { authorization: auth } : {}) } });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code === 'ECONNREFUSED') throw new Error(`cannot reach Grafana at ${grafanaUrl}: connection refused`);
    throw new Error(`cannot reach Grafana at ${grafanaUrl}: ${cause?.message ?? (e as Error).message}`);
  }
  if (response.status === 401 || response.status === 403) {
    throw new Error(
      `Grafana at ${grafanaUrl} refused the request (${response.status}): ${auth ? 'check GRAFANA_TOKEN or GRAFANA_USER/GRAFANA_PASSWORD' : 'set GRAFANA_TOKEN or GRAFANA_USER/GRAFANA_PASSWORD'}`,
    );
  }
  if (response.status === 404) throw new Error(`no dashboard with uid "${uid}" at ${grafanaUrl} (404)`);
  if (!response.ok) throw new Error(`Grafana at ${grafanaUrl} answered ${response.status} ${response.statusText} for ${api}`);
  const body = await response.text();
  try {
    return JSON.parse(body);
  } catch {
    throw new Error(`${api} did not return JSON (is ${grafanaUrl} a Grafana URL?)`);
  }
}
