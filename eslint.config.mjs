// Lint enforces the workspace's layering only (no style rules: prettier formats, tsc types).
// Every project's `lint` target is inferred by @nx/eslint/plugin (nx.json) from this file.
import nx from '@nx/eslint-plugin';
import tsParser from '@typescript-eslint/parser';

/**
 * Who may import whom, by the tags in each package.json's `nx.tags`:
 * definitions (dashboards, alerts) build on libs; environments place definitions; apps run them.
 */
export const depConstraints = [
  // The ground floor and the pipeline never reach up into definitions, environments or apps.
  // ...except the workspace's project generator (tools/nx-plugin), which `o11y import` writes projects with.
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:dashboard', onlyDependOnLibsWithTags: ['type:lib'] },
  // An area's one config and its queries live in dashboards/<area>; alerts/<area> uses them.
  { sourceTag: 'type:alert', onlyDependOnLibsWithTags: ['type:lib', 'type:dashboard'] },
  { sourceTag: 'type:environment', onlyDependOnLibsWithTags: ['type:lib', 'type:dashboard', 'type:alert'] },
  // Apps do not import each other, except one tagged `embedded-in:cli` (the preview, which `o11y preview` runs).
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:lib', 'type:dashboard', 'type:alert', 'type:environment', 'embedded-in:cli'],
  },
];

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '**/out-tsc/**', '.nx/**', '.tools/**', 'libs/k8s/crds/**'] },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    languageOptions: { parser: tsParser },
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          // Every project's vitest.config.ts extends the workspace's shared test settings.
          allow: ['../../vitest.shared.js'],
          // Some imports are dynamic to load heavy SDKs only when used (cdk8s, AWS); nothing is bundle-split by them.
          checkDynamicDependenciesExceptions: ['@o11y/**'],
          depConstraints,
        },
      ],
    },
  },
];
