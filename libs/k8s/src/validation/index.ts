import { validateBuiltIn } from './built-in-objects.js';
import { validateCustomResource } from './custom-resources.js';
import type { Manifest, ManifestIssue } from './manifest.js';
import { checkPipelineWiring } from './pipeline-wiring.js';
import { checkPolicies } from './policies.js';

export * from './alloy-references.js';
export * from './built-in-objects.js';
export * from './collector-config.js';
export * from './custom-resources.js';
export * from './manifest.js';
export * from './pipeline-wiring.js';
export * from './otelcol-validate.js';
export * from './policies.js';

/**
 * Every check on a set of synthesized manifests: built-in kinds against kubernetes-models, custom resources
 * against the vendored CRD schemas (an unknown kind is an error), house policies and pipeline wiring.
 */
export function validateManifests(all: readonly Manifest[]): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  for (const m of all) {
    const schemaErrors = validateBuiltIn(m.object) ?? validateCustomResource(m.object);
    if (!schemaErrors) {
      issues.push({
        manifest: m,
        message: `no schema for ${m.object.apiVersion} ${m.object.kind}: neither a built-in kind nor a vendored CRD`,
      });
      continue;
    }
    for (const e of schemaErrors) issues.push({ manifest: m, field: e.path || undefined, message: e.message });
  }
  issues.push(...checkPolicies(all), ...checkPipelineWiring(all));
  return issues;
}
