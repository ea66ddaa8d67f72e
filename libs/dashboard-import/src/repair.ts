import type { Difference } from './compare.js';
import { allPanels } from '@o11y/grafana-model';
import type { Json } from './json.js';
import { ImportError, panelLabel } from './migrate/index.js';

/** A fix the importer made to input Grafana would load differently or the build would reject, and the differences it explains. */
export interface Repair {
  readonly what: string;
  readonly reason: string;
  readonly explains: (d: Difference) => boolean;
}

type GridPos = { x: number; y: number; w: number; h: number };

const collides = (a: GridPos, b: GridPos) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Overlapping or out-of-grid panels placed the way Grafana's grid places them on load: each panel,
 * in top-to-bottom, left-to-right order, is kept inside 24 columns and moved down below whatever it collides with.
 */
export function repairLayout(panels: readonly Json[]): Repair[] {
  const repairs: Repair[] = [];
  const placed: GridPos[] = [];
  const ordered = panels
    .filter((p) => p.gridPos && ['x', 'y', 'w', 'h'].every((k) => typeof p.gridPos[k] === 'number'))
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.gridPos.y - b.p.gridPos.y || a.p.gridPos.x - b.p.gridPos.x || a.i - b.i);
  for (const { p } of ordered) {
    const before: GridPos = { ...p.gridPos };
    const g: GridPos = { ...before, w: Math.min(Math.max(before.w, 1), 24), h: Math.max(before.h, 1), x: Math.max(before.x, 0) };
    g.x = Math.min(g.x, 24 - g.w);
    for (let c = placed.find((o) => collides(o, g)); c; c = placed.find((o) => collides(o, g))) g.y = c.y + c.h;
    placed.push(g);
    if (JSON.stringify(g) === JSON.stringify(before)) continue;
    p.gridPos = { ...p.gridPos, ...g };
    const title = `"${p.title ?? ''}"`;
    repairs.push({
      what: `${panelLabel(p)}: gridPos ${JSON.stringify(before)} -> ${JSON.stringify(g)}`,
      reason: 'it overlapped another panel or left the 24-column grid; Grafana moves such panels down when it loads the dashboard',
      explains: (d) => d.path.includes(`${title}.gridPos`),
    });
  }
  for (const row of panels) if (row.type === 'row' && Array.isArray(row.panels)) repairs.push(...repairLayout(row.panels));
  return repairs;
}

/** Queries with an empty expression and nothing else to run, dropped. */
export function dropEmptyTargets(panels: readonly Json[]): Repair[] {
  const repairs: Repair[] = [];
  for (const p of allPanels({ panels })) {
    if (!Array.isArray(p.targets)) continue;
    const empty = (p.targets as Json[]).filter((t) => isEmptyQuery(t));
    if (empty.length === 0) continue;
    p.targets = (p.targets as Json[]).filter((t) => !isEmptyQuery(t));
    const title = `"${p.title ?? ''}"`;
    repairs.push({
      what: `${panelLabel(p)}: empty quer${empty.length === 1 ? 'y' : 'ies'} ${empty.map((t) => t.refId ?? '?').join(', ')} dropped`,
      reason: 'a query without an expression returns nothing, and the build rejects an empty expression',
      explains: (d) => d.path.includes(`${title}.targets`),
    });
  }
  return repairs;
}

function isEmptyQuery(t: Json): boolean {
  return typeof t.expr === 'string' && t.expr.trim() === '' && !t.query && !t.queryText && !t.rawSql;
}

/**
 * Refuses threshold steps Grafana cannot order (a value that is null past the first step, NaN
 * exported as null, a string): the panel would colour nothing, or the wrong thing.
 */
export function checkThresholdSteps(panels: readonly Json[]): void {
  for (const p of allPanels({ panels })) {
    const places: Array<[string, unknown]> = [['fieldConfig.defaults.thresholds', p.fieldConfig?.defaults?.thresholds]];
    ((p.fieldConfig?.overrides as Json[] | undefined) ?? []).forEach((o, i) =>
      ((o?.properties as Json[] | undefined) ?? []).forEach((prop, j) => {
        if (prop?.id === 'thresholds') places.push([`fieldConfig.overrides[${i}].properties[${j}].value`, prop.value]);
      }),
    );
    for (const [where, t] of places) {
      const steps = (t as Json | undefined)?.steps;
      if (!Array.isArray(steps)) continue;
      steps.forEach((s: Json, i: number) => {
        const v = s?.value;
        if (i === 0 && (v === null || v === undefined || v === -Infinity)) return;
        if (typeof v !== 'number' || !Number.isFinite(v))
          throw new ImportError(
            `${panelLabel(p)}: ${where}.steps[${i}].value ${JSON.stringify(v) ?? 'undefined'} is not a number; only the first step may be null (from -Infinity)`,
          );
      });
    }
  }
}
