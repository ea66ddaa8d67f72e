import { join } from 'node:path';
import type { Catalogue } from './catalogue.js';
import { IMAGES } from '@o11y/k8s';
import {
  generateAlloyCatalogue,
  generateCollectorCatalogue,
  generateNodeExporterCatalogue,
  generateSampleAppCatalogue,
} from './generate-catalogues.js';

const WORKSPACE_ROOT = join(import.meta.dirname, '..', '..', '..');

/** Catalogues generated from the real programs here, by component (the file name in catalogues/). */
export const RUNNABLE_CATALOGUES: Readonly<Record<string, () => Promise<Catalogue>>> = {
  alloy: () => generateAlloyCatalogue(IMAGES.alloy),
  'node-exporter': generateNodeExporterCatalogue,
  'otel-collector': generateCollectorCatalogue,
  'prometheus-sample-app': () => generateSampleAppCatalogue(WORKSPACE_ROOT),
};
