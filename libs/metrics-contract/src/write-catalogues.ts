import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE_DIR, renderCatalogue } from './catalogue.js';
import { RUNNABLE_CATALOGUES } from './runnable-catalogues.js';

// Regenerates the catalogues of the components that run here: npx tsx libs/metrics-contract/src/write-catalogues.ts
for (const [component, generate] of Object.entries(RUNNABLE_CATALOGUES)) {
  const catalogue = await generate();
  writeFileSync(join(CATALOGUE_DIR, `${component}.json`), renderCatalogue(catalogue));
  process.stdout.write(`${component}: ${Object.keys(catalogue.metrics).length} metric families (${catalogue.version})\n`);
}
