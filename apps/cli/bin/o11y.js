#!/usr/bin/env node
// plan, publish and pull read only built artifacts: they run from the precompiled bundle (npm run build),
// which is used only while the hash of the sources it was built from still matches, so a stale bundle
// never runs: after an edit they run from sources until the next build. O11Y_CLI_FROM_SOURCE=1 forces sources.
import { freshBundle } from './bundle-freshness.js';

const BUNDLED = ['plan', 'publish', 'pull'];
const bundle = BUNDLED.includes(process.argv[2]) && !process.env.O11Y_CLI_FROM_SOURCE ? freshBundle() : undefined;
if (bundle) {
  // Stack traces point into the TypeScript sources (the bundle's linked source maps).
  process.setSourceMapsEnabled(true);
  await import(bundle);
} else {
  // build, import and preview load TypeScript definitions (environments, dashboards): tsx runs them from sources.
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
