import { join } from 'node:path';
import type { Catalogue } from './catalogue.js';
import { generateCollectorCatalogue, generateNodeExporterCatalogue, generateSampleAppCatalogue } from './generate-catalogues.js';

const WORKSPACE_ROOT = join(import.meta.dirname, '..', '..', '..');

/** Catalogues generated from the real programs here, by component (the file name in catalogues/). */
export const RUNNABLE_CATALOGUES: Readonly<Record<string, () => Promise<Catalogue>>> = {
  'node-exporter': generateNodeExporterCatalogue,
  'otel-collector': generateCollectorCatalogue,
  'prometheus-sample-app': () => generateSampleAppCatalogue(WORKSPACE_ROOT),
};
