import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateTableOldPanel } from './table-old-panel.js';

const corpus = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'corpus');
const panelsOf = (file: string) => JSON.parse(readFileSync(join(corpus, file), 'utf8')).panels as Array<Record<string, unknown>>;

/**
 * Expectations follow Grafana's tablePanelChangedHandler (public/app/plugins/panel/table/migrations.ts),
 * except where the doc comment of migrateTableOldPanel says why this migration keeps more.
 */
describe('migrateTableOldPanel on an Angular table with styles (corpus angular-table-styles.json)', () => {
  const [old] = panelsOf('angular-table-styles.json');
  const { panel, conversion } = migrateTableOldPanel(old!);

  it('makes the /.*/ style the field defaults: unit, decimals (0 too), alignment, colour mode, thresholds; an empty alias is no name', () => {
    expect(panel.fieldConfig.defaults).toEqual({
      unit: 'short',
      decimals: 0,
      custom: { align: 'center', cellOptions: { type: 'color-text' } },
      thresholds: {
        mode: 'absolute',
        steps: [
          { value: null, color: 'blue' },
          { value: 10, color: 'purple' },
        ],
      },
    });
  });

  it('turns a date style into an alias and a time unit with its format, and "auto" alignment into a reset (null)', () => {
    expect(panel.fieldConfig.overrides[0]).toEqual({
      matcher: { id: 'byName', options: 'Time' },
      properties: [
        { id: 'displayName', value: 'When' },
        { id: 'unit', value: 'time: YYYY-MM-DD' },
        { id: 'custom.align', value: null },
      ],
    });
  });

  it('matches a /pattern/ as a regex and makes its link a data link, $__cell placeholders rewritten and reported', () => {
    expect(panel.fieldConfig.overrides[1]).toEqual({
      matcher: { id: 'byRegexp', options: '/^instance$/' },
      properties: [
        {
          id: 'links',
          value: [{ title: 'Open node', url: '/d/node?var-instance=${__value.raw}&var-job=${__data.fields[1]}', targetBlank: true }],
        },
        { id: 'custom.align', value: 'left' },
      ],
    });
    expect(conversion.rewritten).toEqual([
      'styles[1].linkUrl "/d/node?var-instance=$__cell&var-job=$__cell_1" -> "/d/node?var-instance=${__value.raw}&var-job=${__data.fields[1]}"',
    ]);
  });

  it('keeps a number style in Grafana order: unit, decimals (a string read as a number), colour mode, align, decimal thresholds', () => {
    expect(panel.fieldConfig.overrides[2]).toEqual({
      matcher: { id: 'byName', options: 'Avg' },
      properties: [
        { id: 'unit', value: 'percentunit' },
        { id: 'decimals', value: 2 },
        { id: 'custom.cellOptions', value: { type: 'color-background' } },
        { id: 'custom.align', value: 'right' },
        {
          id: 'thresholds',
          value: {
            mode: 'absolute',
            steps: [
              { value: null, color: 'green' },
              { value: 0.5, color: 'orange' },
              { value: 0.9, color: 'red' },
            ],
          },
        },
      ],
    });
  });

  it('hides a hidden column, keeping its unit as Grafana does and leaving out decimals 0', () => {
    expect(panel.fieldConfig.overrides[3]).toEqual({
      matcher: { id: 'byName', options: 'secret' },
      properties: [
        { id: 'unit', value: 'short' },
        { id: 'custom.hidden', value: true },
      ],
    });
    expect(panel.fieldConfig.overrides).toHaveLength(4);
  });

  it('turns timeseries_aggregations into a reduce transformation with the reducers of the columns', () => {
    expect(panel.transformations).toEqual([
      { id: 'reduce', options: { reducers: ['mean', 'lastNotNull', 'sum'], includeTimeField: false } },
    ]);
    expect(panel.type).toBe('table');
    expect(conversion.dropped).toEqual([]);
  });
});

describe('migrateTableOldPanel transforms (corpus angular-table-transforms.json)', () => {
  const migrated = panelsOf('angular-table-transforms.json').map((p) => migrateTableOldPanel(p));

  it.each([
    [0, [{ id: 'seriesToRows', options: { reducers: [] } }]],
    [1, [{ id: 'seriesToColumns', options: { reducers: [] } }]],
    [2, [{ id: 'reduce', options: { reducers: ['max'], includeTimeField: false } }]],
    [
      3,
      [
        { id: 'organize', options: { excludeByName: { Time: true } } },
        { id: 'merge', options: { reducers: [] } },
      ],
    ],
    [4, undefined],
  ])('panel %i gets the transformations %j', (i, transformations) => {
    expect(migrated[i]!.panel.transformations).toEqual(transformations);
  });

  it('reports what has no equivalent: an unknown aggregation column, the annotations transform', () => {
    expect(migrated.map((m) => m.conversion.dropped)).toEqual([
      [],
      [],
      ['aggregation column "median" (no reducer of that name)'],
      [],
      ['transform "annotations" (no transformation does it; Grafana drops it too)'],
    ]);
  });

  it('migrates a pre-7 "table" and a "table-old" alike, a /.*/ style to defaults and others to overrides', () => {
    expect(migrated[0]!.panel.fieldConfig).toEqual({
      defaults: {},
      overrides: [{ matcher: { id: 'byName', options: 'Value' }, properties: [{ id: 'unit', value: 'bytes' }] }],
    });
    expect(migrated[2]!.panel.fieldConfig).toEqual({ defaults: { unit: 'bytes' }, overrides: [] });
    expect(migrated[3]!.panel.fieldConfig.overrides).toEqual([
      {
        matcher: { id: 'byName', options: 'Value #A' },
        properties: [
          { id: 'displayName', value: 'Free' },
          { id: 'unit', value: 'bytes' },
        ],
      },
    ]);
  });
});

describe('migrateTableOldPanel thresholds', () => {
  it('drops blank entries and reports them (corpus thresholds-with-blanks.json)', () => {
    // given
    const disks = panelsOf('thresholds-with-blanks.json')[2]!;
    // when
    const { panel, conversion } = migrateTableOldPanel(disks);
    // then
    expect(panel.fieldConfig.overrides[0].properties.at(-1)).toEqual({
      id: 'thresholds',
      value: {
        mode: 'absolute',
        steps: [
          { value: null, color: 'green' },
          { value: 70, color: 'orange' },
          { value: 90, color: 'red' },
        ],
      },
    });
    expect(conversion.dropped).toEqual(['1 empty entry of styles[0].thresholds']);
  });

  it('refuses an entry that is not a number, naming the panel and the style', () => {
    const old = { id: 7, title: 'T', type: 'table', styles: [{ pattern: 'Value', thresholds: ['80', 'n/a'] }] };
    expect(() => migrateTableOldPanel(old)).toThrow(
      'panel 7 "T": styles[0].thresholds ["80","n/a"]: "n/a" is not a number; fix or remove it and import again',
    );
  });
});
