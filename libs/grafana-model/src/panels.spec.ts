import { describe, expect, it } from 'vitest';
import { allPanels, walkPanels } from './panels.js';

/** A dashboard with a panel, an open row with one panel and a collapsed row holding two. */
const dashboard = {
  panels: [
    { title: 'A' },
    { type: 'row', title: 'Open' },
    { title: 'B' },
    { type: 'row', title: 'Collapsed', collapsed: true, panels: [{ title: 'C' }, { title: 'D' }] },
  ],
};

describe('walkPanels', () => {
  it('visits every panel in layout order with its path and the row that holds it', () => {
    // given
    const visits: string[] = [];

    // when
    walkPanels(dashboard, (p, { path, parent }) => visits.push(`${path} ${p.title}${parent ? ` in ${parent.title}` : ''}`));

    // then
    expect(visits).toEqual([
      'panels[0] A',
      'panels[1] Open',
      'panels[2] B',
      'panels[3] Collapsed',
      'panels[3].panels[0] C in Collapsed',
      'panels[3].panels[1] D in Collapsed',
    ]);
  });

  it('visits nothing when there are no panels', () => {
    const visits: unknown[] = [];
    walkPanels({}, (p) => visits.push(p));
    walkPanels({ panels: 'not a list' }, (p) => visits.push(p));
    expect(visits).toEqual([]);
  });
});

describe('allPanels', () => {
  it('lists the panels themselves (not copies), rows included', () => {
    const all = allPanels(dashboard);
    expect(all.map((p) => p.title)).toEqual(['A', 'Open', 'B', 'Collapsed', 'C', 'D']);
    expect(all[4]).toBe(dashboard.panels[3]!.panels![0]);
  });
});
