import { MARK_KEY, omit, type LiveResource } from '@o11y/publish';

type Json = Record<string, unknown>;

// Fields Grafana sets on save, and this tool's ownership mark: never part of the code.
const SERVER_FIELDS = ['id', 'version', 'iteration', MARK_KEY];

/** The dashboard model of a live dashboard as code would define it (from /apis `spec` or legacy `dashboard`). */
export function liveDashboardModel(live: LiveResource): Json {
  const raw = live.raw as { spec?: Json; dashboard?: Json };
  const model = raw.spec ?? raw.dashboard;
  if (!model) throw new Error(`dashboard ${live.uid}: the live version has no dashboard model`);
  return { ...omit(model, SERVER_FIELDS), uid: live.uid };
}
