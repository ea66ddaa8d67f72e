import type { AlertingArtifacts, AlertingDefinition, EnvironmentDefinition } from '@o11y/environment';
import { compileContactPoints } from './contact-points.js';
import { compileMuteTimings } from './mute-timings.js';
import { compilePolicy } from './policy.js';
import { compileRuleGroups } from './rule-groups.js';
import { compileTemplates } from './templates.js';

/**
 * An environment's alerting definition compiled for that environment: every resource checked and turned into
 * the bodies the provisioning API takes, plus Prometheus rule files where the backend evaluates rules.
 * Templates come first (contact points use them), then mute timings and contact points (the policy tree names
 * them), the policy tree, and the rule groups.
 */
export function compileAlerting(definition: AlertingDefinition, environment: EnvironmentDefinition): AlertingArtifacts {
  const templates = compileTemplates(definition);
  const muteTimings = compileMuteTimings(definition);
  const contactPoints = compileContactPoints(definition, environment, templates.defined);
  const policy = compilePolicy(definition, contactPoints.names, muteTimings.names);
  const ruleGroups = compileRuleGroups(definition, environment);
  const parts = [templates, muteTimings, contactPoints, policy, ruleGroups];
  return {
    resources: parts.flatMap((p) => p.resources),
    prometheusRuleFiles: ruleGroups.ruleFiles,
    problems: parts.flatMap((p) => p.problems),
  };
}
