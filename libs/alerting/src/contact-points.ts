import { ContactPointBuilder, type ContactPoint } from '@grafana/grafana-foundation-sdk/alerting';
import type { EnvRef, GrafanaTarget } from '@o11y/environment';

/** Notification title and body every contact point uses, from the templates in templates.ts. */
export const TITLE_TEMPLATE = '{{ template "o11y.title" . }}';
export const MESSAGE_TEMPLATE = '{{ template "o11y.message" . }}';

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

export interface SnsContactPointProps {
  /** @default 'sns' */
  readonly uid?: string;
  /** @default 'Amazon SNS' */
  readonly name?: string;
  /** Topic ARN; usually `fromEnv('ALERTS_SNS_TOPIC_ARN')`, validated at publish time when only known then. */
  readonly topicArn: string | EnvRef;
  /** Region of the topic (SigV4 signing). */
  readonly region: string | EnvRef;
  /**
   * On Amazon Managed Grafana with service-managed permissions the workspace role may only publish to topics
   * whose name starts with `grafana`. @default true on Amazon Managed Grafana, false elsewhere
   */
  readonly serviceManagedPermissions?: boolean;
  /** Role to assume for publishing (customer-managed permissions). @default none: the workspace role or default credentials */
  readonly assumeRoleArn?: string | EnvRef;
  /** Static keys, only where no role is available; environment references only. @default none */
  readonly accessKey?: EnvRef;
  readonly secretKey?: EnvRef;
  /** @default false */
  readonly disableResolveMessage?: boolean;
}

/** Amazon SNS (the recipe's notification channel), signed with SigV4. */
export function snsContactPoint(props: SnsContactPointProps): ContactPointDefinition {
  const sigv4: Record<string, unknown> = { region: props.region };
  if (props.assumeRoleArn) sigv4.role_arn = props.assumeRoleArn;
  if (props.accessKey) sigv4.access_key = props.accessKey;
  if (props.secretKey) sigv4.secret_key = props.secretKey;
  return {
    uid: props.uid ?? 'sns',
    name: props.name ?? 'Amazon SNS',
    type: 'sns',
    settings: { topic_arn: props.topicArn, sigv4, subject: TITLE_TEMPLATE, message: MESSAGE_TEMPLATE },
    secretSettings: ['sigv4.access_key', 'sigv4.secret_key'],
    disableResolveMessage: props.disableResolveMessage ?? false,
    serviceManagedPermissions: props.serviceManagedPermissions,
  };
}

export interface EmailContactPointProps {
  /** @default 'email' */
  readonly uid?: string;
  /** @default 'Email' */
  readonly name?: string;
  /** Recipients, or one environment reference holding them separated by ";". */
  readonly addresses: readonly string[] | EnvRef;
  /** One email to all recipients instead of one each. @default true */
  readonly singleEmail?: boolean;
  /** @default false */
  readonly disableResolveMessage?: boolean;
}

export function emailContactPoint(props: EmailContactPointProps): ContactPointDefinition {
  return {
    uid: props.uid ?? 'email',
    name: props.name ?? 'Email',
    type: 'email',
    settings: {
      addresses: typeof props.addresses === 'string' ? props.addresses : props.addresses.join(';'),
      singleEmail: props.singleEmail ?? true,
      subject: TITLE_TEMPLATE,
      message: MESSAGE_TEMPLATE,
    },
    secretSettings: [],
    disableResolveMessage: props.disableResolveMessage ?? false,
  };
}

export interface WebhookContactPointProps {
  /** @default 'webhook' */
  readonly uid?: string;
  /** @default 'Webhook' */
  readonly name?: string;
  readonly url: string | EnvRef;
  /** @default 'POST' */
  readonly httpMethod?: 'POST' | 'PUT';
  /** Basic auth; the password only as an environment reference. @default none */
  readonly username?: string;
  readonly password?: EnvRef;
  /** Bearer token, as an environment reference. @default none */
  readonly bearerToken?: EnvRef;
  /** @default false */
  readonly disableResolveMessage?: boolean;
}

/** A webhook receiving Grafana's JSON payload (the local environment's listener). */
export function webhookContactPoint(props: WebhookContactPointProps): ContactPointDefinition {
  const settings: Record<string, unknown> = {
    url: props.url,
    httpMethod: props.httpMethod ?? 'POST',
    title: TITLE_TEMPLATE,
    message: MESSAGE_TEMPLATE,
  };
  if (props.username) settings.username = props.username;
  if (props.password) settings.password = props.password;
  if (props.bearerToken) Object.assign(settings, { authorization_scheme: 'Bearer', authorization_credentials: props.bearerToken });
  return {
    uid: props.uid ?? 'webhook',
    name: props.name ?? 'Webhook',
    type: 'webhook',
    settings,
    secretSettings: ['password', 'authorization_credentials'],
    disableResolveMessage: props.disableResolveMessage ?? false,
  };
}

/** The EmbeddedContactPoint body of POST/PUT /api/v1/provisioning/contact-points, built with the SDK. */
export function contactPointBody(cp: ContactPointDefinition): ContactPoint {
  const built = new ContactPointBuilder()
    .uid(cp.uid)
    .name(cp.name)
    // The SDK's type union predates Grafana's SNS integration (Grafana 10+, and AMG).
    .type(cp.type as ContactPoint['type'])
    .settings(structuredClone(cp.settings))
    .disableResolveMessage(cp.disableResolveMessage)
    .build();
  return JSON.parse(JSON.stringify(built)) as ContactPoint;
}

/** Whether the SNS topic must be named `grafana*`: explicit, or because the target is Amazon Managed Grafana. */
export function needsServiceManagedTopicName(cp: ContactPointDefinition, grafana: GrafanaTarget): boolean {
  return cp.serviceManagedPermissions ?? grafana.kind === 'amazon-managed-grafana';
}

// Kept in its own module so the publisher can check resolved ARNs without loading the foundation SDK.
export { validateSnsTopicArn } from './sns-topic-arn.js';
