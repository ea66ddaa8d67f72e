import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import type { DataSourceRef } from './datasource.js';

/**
 * An environment's alerting as plain data: rule groups, contact points, the policy tree, templates and mute
 * timings. The build compiles it for the environment with @o11y/alerting's compileAlerting.
 */

/** How urgent an alert is; the `severity` label every rule carries and policies route on. */
export type Severity = 'critical' | 'warning' | 'info';

/** Grafana state when the query returns nothing (chosen per rule, never left to the default). */
export type NoDataState = 'OK' | 'NoData' | 'Alerting' | 'KeepLast';
/** Grafana state when the query fails. */
export type ExecErrState = 'OK' | 'Error' | 'Alerting' | 'KeepLast';

/** Plain PromQL: evaluated by Grafana, and exported as a Prometheus rule where the backend evaluates rules. */
export interface PromQLAlertQuery {
  readonly kind: 'promql';
  /** Metrics data source the Grafana-managed rule queries. */
  readonly datasource: DataSourceRef;
  /** PromQL whose value is compared with the threshold; no Grafana macros or template variables. */
  readonly expr: string;
}

/** One query or server-side expression of a Grafana-only rule (e.g. X-Ray + reduce + math). */
export interface GrafanaAlertData {
  readonly refId: string;
  /** Data source; `{ type: '__expr__', uid: '__expr__' }` for expressions. */
  readonly datasource: DataSourceRef;
  readonly model: Builder<Dataquery>;
  /** Seconds of history the query reads. @default 600 */
  readonly from?: number;
}

/** Queries only Grafana can evaluate (any data source plus expressions); never exported to Prometheus. */
export interface GrafanaAlertQuery {
  readonly kind: 'grafana';
  readonly data: readonly GrafanaAlertData[];
  /** refId whose value the threshold compares (and annotations show). */
  readonly value: string;
  /** Human-readable form of the query for reviews and tests, e.g. "X-Ray faults / requests of frontend". */
  readonly describe: string;
}

export type AlertQuery = PromQLAlertQuery | GrafanaAlertQuery;

/** `value > threshold` (gt) or `value < threshold` (lt): the two comparisons every Grafana version evaluates. */
export interface Threshold {
  readonly op: 'gt' | 'lt';
  readonly value: number;
}

/** Where an alert is looked at: a dashboard uid and the title of its panel (resolved to the panel id at build). */
export interface PanelLink {
  readonly dashboard: string;
  readonly panel: string;
}

/** An alerting rule, defined once and built as a Grafana-managed rule and (for PromQL) a Prometheus rule. */
export interface AlertRuleDefinition {
  /** Alert name: the Prometheus `alertname` and the Grafana title, UpperCamelCase like kubernetes-mixin. */
  readonly name: string;
  /** Grafana rule uid (1-40 letters, digits, "-" and "_"). */
  readonly uid: string;
  readonly query: AlertQuery;
  readonly threshold: Threshold;
  /** How long the condition must hold before the alert fires, e.g. "1m". */
  readonly for: string;
  readonly severity: Severity;
  /** Extra labels (the set adds `team`, the rule adds `severity`). */
  readonly labels?: Readonly<Record<string, string>>;
  /** One line; may use `{{ $labels.name }}`. */
  readonly summary: string;
  /** May use `{{ $labels.name }}`; a function receives the template expression of the value (`$value` or `$values.A.Value`). */
  readonly description: string | ((value: string) => string);
  readonly runbookUrl: string;
  readonly panel?: PanelLink;
  readonly noDataState: NoDataState;
  readonly execErrState: ExecErrState;
}

/** A Prometheus recording rule; only written to Prometheus rule files (Grafana-managed recording rules are not used). */
export interface RecordingRuleDefinition {
  /** `level:metric:operations`, e.g. `namespace_service:envoy_http_downstream_rq_xx_5xx:ratio_rate5m`. */
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** Rules evaluated together at one interval, in one folder (Grafana) or one rule group (Prometheus). */
export interface RuleGroupDefinition {
  /** Group name, also the file name: lower-case letters, digits and dashes, e.g. `envoy-downstream`. */
  readonly name: string;
  /** Evaluation interval, a multiple of 10s. */
  readonly interval: string;
  readonly rules: readonly AlertRuleDefinition[];
  readonly recordingRules?: readonly RecordingRuleDefinition[];
}

/** How a route groups and times its notifications; each field is inherited from the parent route when omitted. */
export interface RouteTiming {
  readonly groupBy?: readonly string[];
  readonly groupWait?: string;
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
  readonly muteTimings?: readonly string[];
}

/** One nested route of a team's policy subtree. */
export interface PolicyRoute extends RouteTiming {
  /** Label matchers `[label, op, value]`, op one of = != =~ !~. */
  readonly matchers: readonly (readonly [string, string, string])[];
  /** Contact point name; inherits the team's when omitted. */
  readonly receiver?: string;
  readonly continue?: boolean;
  readonly routes?: readonly PolicyRoute[];
}

/**
 * A team's part of the environment's notification policy tree. Each team gets one subtree
 * matching `team="<team>"`, so its routes can never catch (or override) another team's alerts.
 */
export interface PolicyFragment extends RouteTiming {
  readonly team: string;
  /** Contact point name; inherits the environment's default when omitted. */
  readonly receiver?: string;
  readonly routes?: readonly PolicyRoute[];
}

/** One alert set (one Nx project under alerts/): its rule groups, folder, team and policy fragment. */
export interface AlertSet {
  /** e.g. `envoy`. */
  readonly name: string;
  /** Absolute path of the file defining the rules, for messages and the manifest. */
  readonly source: string;
  /** Grafana folder uid the rule groups go to. */
  readonly folder: string;
  /** Owning team: every rule carries `team=<team>` and routes through the team's subtree. */
  readonly team: string;
  readonly groups: readonly RuleGroupDefinition[];
  readonly policy: PolicyFragment;
}

/** A contact point definition: the provisioning API body plus which settings are secrets. */
export interface ContactPointDefinition {
  /** Grafana uid (1-40 letters, digits, "-" and "_"). */
  readonly uid: string;
  /** Name the policy tree routes to (`receiver`). */
  readonly name: string;
  readonly type: 'sns' | 'email' | 'webhook';
  /** Settings as Grafana stores them; secret settings only as environment references. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Dotted paths of settings that are secrets, e.g. `password` or `sigv4.secret_key`. */
  readonly secretSettings: readonly string[];
  readonly disableResolveMessage: boolean;
  /** SNS only: the workspace uses service-managed permissions (topic names must start with `grafana`). Undefined: decided by the Grafana target. */
  readonly serviceManagedPermissions?: boolean;
}

/** A notification template group: one name, one or more `{{ define "..." }}` blocks. */
export interface TemplateDefinition {
  readonly name: string;
  readonly template: string;
}

/**
 * A time interval in the JSON the provisioning API takes (Alertmanager's format: `start_time`/`end_time`,
 * weekday ranges as "monday:friday"). The SDK's TimeInterval type models the Go structs (numeric ranges,
 * from/to), which Grafana marshals differently, so the wire format is typed here.
 */
export interface MuteTimeInterval {
  readonly times?: readonly { readonly start_time: string; readonly end_time: string }[];
  readonly weekdays?: readonly string[];
  readonly days_of_month?: readonly string[];
  readonly months?: readonly string[];
  readonly years?: readonly string[];
  /** IANA time zone, e.g. "Europe/Berlin". @default 'UTC' */
  readonly location?: string;
}

/** A named set of time intervals during which notifications of routes that reference it are held back. */
export interface MuteTimingDefinition {
  readonly name: string;
  readonly timeIntervals: readonly MuteTimeInterval[];
}

/** The root of an environment's policy tree: where alerts no team route catches go, and the default timings. */
export interface PolicyTreeDefinition {
  /** Default contact point name. */
  readonly receiver: string;
  /** @default ['grafana_folder', 'alertname'] */
  readonly groupBy?: readonly string[];
  /** @default '30s' */
  readonly groupWait?: string;
  /** @default '5m' */
  readonly groupInterval?: string;
  /** @default '4h' */
  readonly repeatInterval?: string;
}

/** Where PromQL alerts are evaluated in an environment. */
export type RuleEvaluation = 'grafana' | 'prometheus';

/** Everything an environment alerts with, as plain data. */
export interface AlertingDefinition {
  /** The environment file (import.meta.filename), for messages about contact points, policy and timings. */
  readonly source: string;
  /**
   * `grafana`: every rule is a Grafana-managed rule. `prometheus`: PromQL alerts and recording rules go to
   * Prometheus rule files (dist/<env>/rules/) for the AMP / Mimir ruler, and only the rest (e.g. X-Ray) stays
   * Grafana-managed, so no alert is evaluated twice. @default 'grafana'
   */
  readonly evaluation?: RuleEvaluation;
  readonly alertSets: readonly AlertSet[];
  readonly contactPoints: readonly ContactPointDefinition[];
  readonly policy: PolicyTreeDefinition;
  /** @default [] */
  readonly muteTimings?: readonly MuteTimingDefinition[];
  /** @default [o11yNotificationTemplate()] */
  readonly templates?: readonly TemplateDefinition[];
}
