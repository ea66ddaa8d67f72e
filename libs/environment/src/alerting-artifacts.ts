import type { Problem } from './definition-error.js';

/**
 * Alerting resource kinds, in the order a publisher applies them: templates and mute timings
 * are referenced by contact points and the policy tree, which rule groups route into.
 */
export const ALERTING_RESOURCE_KINDS = [
  'alert-template',
  'mute-timing',
  'contact-point',
  'notification-policy',
  'alert-rule-group',
] as const;
export type AlertingResourceKind = (typeof ALERTING_RESOURCE_KINDS)[number];

/** One alerting resource, with the body the Grafana provisioning API (/api/v1/provisioning) takes. */
export interface AlertingResource {
  readonly kind: AlertingResourceKind;
  /**
   * Name used in the file name and the manifest: the template or mute timing name, the contact
   * point uid, the rule group title, or `policy-tree` for the one notification policy tree.
   */
  readonly uid: string;
  readonly title?: string;
  /** Folder uid (rule groups only). */
  readonly folder?: string;
  /** Plain JSON; secrets only as `${env:NAME}` references. */
  readonly body: Readonly<Record<string, unknown>>;
  /** Absolute path of the defining file, for the manifest. */
  readonly source?: string;
}

/** A Prometheus rule file (`groups: [...]`) for a backend that evaluates rules itself (AMP, Mimir). */
export interface PrometheusRuleFile {
  /** Rule group name; the file is written to dist/<env>/rules/<name>.yaml. */
  readonly name: string;
  readonly yaml: string;
  readonly source?: string;
}

/** What an environment's alerting definition produces: plain data and every problem found. */
export interface AlertingArtifacts {
  readonly resources: readonly AlertingResource[];
  readonly prometheusRuleFiles: readonly PrometheusRuleFile[];
  /** Validation problems; `file` may be absolute, the build makes it workspace-relative. */
  readonly problems: readonly Problem[];
}
