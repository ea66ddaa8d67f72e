import type { DashboardModel } from '@o11y/environment';
import { allPanels } from './panels.js';

type Json = Record<string, unknown>;

/** Fields Grafana manages per instance; an artifact never carries them. */
const SERVER_MANAGED = ['id', 'version', 'iteration', '__inputs', '__requires', '__elements'];

/**
 * Makes a dashboard deterministic: instance fields removed, every panel given a stable
 * id (in layout order) and every query a refId. Returns a copy.
 */
export function normalizeDashboard(model: DashboardModel): DashboardModel {
  const d = structuredClone(model) as Json;
  for (const key of SERVER_MANAGED) delete d[key];
  const panels = allPanels(d);
  const used = new Set(panels.map((p) => p.id).filter((id): id is number => typeof id === 'number' && id > 0));
  let next = 1;
  for (const p of panels) {
    if (typeof p.id !== 'number' || p.id <= 0 || !used.has(p.id)) {
      while (used.has(next)) next++;
      p.id = next;
      used.add(next);
    }
    if (Array.isArray(p.targets)) assignRefIds(p.targets as Json[]);
  }
  return d as DashboardModel;
}

function assignRefIds(targets: Json[]): void {
  const used = new Set(targets.map((t) => t.refId).filter((r): r is string => typeof r === 'string' && r !== ''));
  let i = 0;
  for (const t of targets) {
    if (typeof t.refId === 'string' && t.refId !== '') continue;
    let id: string;
    do id = refIdAt(i++);
    while (used.has(id));
    t.refId = id;
    used.add(id);
  }
}

/** A, B, ..., Z, AA, AB, ... like Grafana's query editor. */
function refIdAt(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
