type Json = Record<string, any>;

/** Where a visited panel sits: its JSON path and the panel (a row) that holds it, if any. */
export interface PanelPlace {
  /** `panels[2]`, or `panels[2].panels[0]` inside a row. */
  readonly path: string;
  readonly parent?: Json;
}

/**
 * Visits every panel of a dashboard in layout order with its place: top-level panels and, after
 * each, the panels it holds (a row's, collapsed or not).
 */
export function walkPanels(dashboard: object, visit: (panel: Json, place: PanelPlace) => void): void {
  const walk = (panels: unknown, at: string, parent: Json | undefined) => {
    if (!Array.isArray(panels)) return;
    panels.forEach((p: Json, i) => {
      const path = `${at}panels[${i}]`;
      visit(p, parent ? { path, parent } : { path });
      walk(p?.panels, `${path}.`, p);
    });
  };
  walk((dashboard as { panels?: unknown }).panels, '', undefined);
}

/** Every panel of a dashboard (rows and the panels inside them), in layout order. */
export function allPanels(dashboard: object): Json[] {
  const out: Json[] = [];
  walkPanels(dashboard, (p) => out.push(p));
  return out;
}
