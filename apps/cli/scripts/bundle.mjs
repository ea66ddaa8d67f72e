// Bundles plan, publish and pull into dist/bundle/o11y.mjs (Nx target cli:bundle), so they start without tsx.
// Records the hash of every workspace source in the bundle (and the lockfile, for the bundled packages):
// bin/o11y.js runs the bundle only while that hash still matches, so a stale bundle never runs.
import { decode, encode } from '@jridgewell/sourcemap-codec';
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BUNDLE_DIR, INPUTS_FILE, sourceHash } from '../bin/bundle-freshness.js';

const project = join(import.meta.dirname, '..');
const root = join(project, '..', '..');

rmSync(BUNDLE_DIR, { recursive: true, force: true });
const result = await build({
  entryPoints: { o11y: join(project, 'src', 'bundle-main.ts') },
  outdir: BUNDLE_DIR,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // Lazily imported commands and libraries (listr2, the AWS SDK) stay separate chunks, loaded when used.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  // Loaded at run time from node_modules, as from the sources: native code (better-sqlite3), packages too big
  // to bundle (typescript, prettier), and the PromQL linter, which @o11y/artifacts requires through createRequire,
  // with the codemirror and lezer packages it shares objects with; the dashboard generator (pull rewrites
  // imported projects with it), which runs Nx's devkit.
  external: ['better-sqlite3', 'typescript', 'prettier', '@prometheus-io/*', '@codemirror/*', '@lezer/*', '@o11y/nx-plugin/*'],
  // Bundled CommonJS packages call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __o11yRequire } from 'node:module'; const require = __o11yRequire(import.meta.url);" },
});

// Maps only the workspace's own code: Node decodes a chunk's whole map whenever an error's stack is read
// (undici reads one for every socket it closes), and the packages' mappings made that cost 0.1 s per run.
for (const name of readdirSync(BUNDLE_DIR).filter((n) => n.endsWith('.map'))) {
  const file = join(BUNDLE_DIR, name);
  const map = JSON.parse(readFileSync(file, 'utf8'));
  const vendor = new Set(map.sources.flatMap((source, i) => (source.split('/').includes('node_modules') ? [i] : [])));
  map.mappings = encode(decode(map.mappings).map((line) => line.filter((segment) => segment.length < 4 || !vendor.has(segment[1]))));
  writeFileSync(file, JSON.stringify(map));
}

const files = [
  ...Object.keys(result.metafile.inputs)
    .map((input) => relative(root, join(process.cwd(), input)))
    .filter((file) => !file.split(/[\\/]/).includes('node_modules'))
    .sort(),
  'package-lock.json',
];
const hash = sourceHash(root, files);
writeFileSync(
  join(BUNDLE_DIR, INPUTS_FILE),
  `${JSON.stringify({ entry: 'o11y.mjs', root: relative(BUNDLE_DIR, root), hash, files }, null, 2)}\n`,
);
console.log(`bundled ${files.length - 1} workspace sources into ${relative(root, join(BUNDLE_DIR, 'o11y.mjs'))}`);
