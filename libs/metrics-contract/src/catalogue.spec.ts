import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_DIR, loadCatalogues, renderCatalogue } from './catalogue.js';
import { RUNNABLE_CATALOGUES } from './runnable-catalogues.js';

describe('catalogues', () => {
  // Runs node_exporter and otelcol from .tools/bin (scripts/install-tools.sh) and the sample-app twin.
  for (const [component, generate] of Object.entries(RUNNABLE_CATALOGUES)) {
    it(`${component}: the stored catalogue is what the program exposes now (regenerate: npx tsx libs/metrics-contract/src/write-catalogues.ts)`, async () => {
      // given the stored catalogue
      const stored = readFileSync(join(CATALOGUE_DIR, `${component}.json`), 'utf8');

      // when the real program is run and scraped again
      const now = renderCatalogue(await generate());

      // then (parsed, so the difference shows family by family)
      expect(JSON.parse(now)).toEqual(JSON.parse(stored));
    }, 120_000);
  }

  it('every catalogue names its component, version and source', () => {
    for (const c of loadCatalogues().values()) {
      expect(c.version, c.component).not.toBe('');
      expect(c.source, c.component).toMatch(/^(generated|documentation): /);
      expect(Object.keys(c.metrics).length, c.component).toBeGreaterThan(0);
    }
  });
});
