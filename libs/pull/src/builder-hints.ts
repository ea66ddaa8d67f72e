import { importDashboard } from '@o11y/dashboard-import';
import { allPanels } from '@o11y/grafana-model';
import { pruneDefaults } from '@o11y/publish';
import { pullDiff } from './pull-diff.js';
import { isDeepStrictEqual } from 'node:util';

type Json = Record<string, unknown>;

/** What to change in hand-written code for one panel. */
export interface PanelHint {
  readonly action: 'add' | 'change' | 'remove';
  readonly id: number;
  readonly title: string;
  /** Field by field, built -> live. */
  readonly diff: readonly string[];
  /** The builder call that builds the live panel (add and change). */
  readonly code?: string;
}

/** Every panel (rows' included), by id. */
function panelsById(model: Json): Map<number, Json> {
  return new Map(allPanels(model).flatMap((p) => (typeof p.id === 'number' ? [[p.id, p] as const] : [])));
}

/** `/** panel 3 "Title". *\/ export const x = () => ...` blocks of a generated panels.ts, by panel id. */
function panelCodeById(panelsSource: string): Map<number, string> {
  const out = new Map<number, string>();
  const blocks = panelsSource.split(/\n(?=\/\*\* panel \d+ )/);
  for (const block of blocks) {
    const m = /^\/\*\* panel (\d+) /.exec(block);
    if (m) out.set(Number(m[1]), block.trim());
  }
  return out;
}

/**
 * Panel by panel, what differs between the built dashboard and the live one, with the builder call
 * (as `o11y import` would write it) for panels to add or change. Code is never written for hand-written projects.
 */
export async function panelHints(built: Json, live: Json): Promise<{ panels: PanelHint[]; dashboard: string[] }> {
  const builtPanels = panelsById(built);
  const livePanels = panelsById(live);
  const panels: PanelHint[] = [];
  const title = (p: Json) => String(p.title ?? '');
  for (const [id, p] of livePanels) {
    const before = builtPanels.get(id);
    if (!before) panels.push({ action: 'add', id, title: title(p), diff: [] });
    else if (!isDeepStrictEqual(pruneDefaults(before), pruneDefaults(p)))
      panels.push({ action: 'change', id, title: title(p), diff: pullDiff(pruneDefaults(before), pruneDefaults(p)) });
  }
  for (const [id, p] of builtPanels) if (!livePanels.has(id)) panels.push({ action: 'remove', id, title: title(p), diff: [] });
  panels.sort((a, b) => a.id - b.id);

  if (panels.some((p) => p.action !== 'remove')) {
    const { files } = await importDashboard(structuredClone(live), { name: 'pulled' });
    const code = panelCodeById(files.get('src/panels.ts') ?? '');
    for (let i = 0; i < panels.length; i++) {
      const p = panels[i]!;
      if (p.action !== 'remove' && code.has(p.id)) panels[i] = { ...p, code: code.get(p.id) };
    }
  }
  const withoutPanels = (m: Json) => pruneDefaults({ ...m, panels: undefined });
  return { panels, dashboard: pullDiff(withoutPanels(built), withoutPanels(live)) };
}
