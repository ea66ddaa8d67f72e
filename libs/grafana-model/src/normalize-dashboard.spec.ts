import { describe, expect, it } from 'vitest';
import { normalizeDashboard } from './normalize-dashboard.js';

describe('normalizeDashboard', () => {
  it('numbers panels in layout order, keeping ids that are already unique', () => {
    // given
    const model = {
      uid: 'u',
      id: 37,
      version: 4,
      panels: [{ type: 'row', id: 0, panels: [{ type: 'stat' }] }, { type: 'stat', id: 2 }, { type: 'stat' }],
    };

    // when
    const d = normalizeDashboard(model) as any;

    // then
    expect(d.id).toBeUndefined();
    expect(d.version).toBeUndefined();
    expect([d.panels[0].id, d.panels[0].panels[0].id, d.panels[1].id, d.panels[2].id]).toEqual([1, 3, 2, 4]);
  });

  it('gives every query a refId like the query editor does', () => {
    const d = normalizeDashboard({ panels: [{ type: 'timeseries', targets: [{}, { refId: 'A' }, {}] }] }) as any;
    expect(d.panels[0].targets.map((t: any) => t.refId)).toEqual(['B', 'A', 'C']);
  });

  it('does not modify its input', () => {
    const model = { panels: [{ type: 'stat' }] };
    normalizeDashboard(model);
    expect(model).toEqual({ panels: [{ type: 'stat' }] });
  });
});
