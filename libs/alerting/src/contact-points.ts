import { ContactPointBuilder, type ContactPoint } from '@grafana/grafana-foundation-sdk/alerting';
import {
  isEnvRef,
  type AlertingDefinition,
  type AlertingResource,
  type ContactPointDefinition,
  type EnvironmentDefinition,
  type EnvRef,
  type GrafanaTarget,
  type Problem,
} from '@o11y/environment';
import { UID_PATTERN, UID_RULE } from '@o11y/grafana-model';
import { duplicateKeys, reporter, type Compiled, type FieldProblem } from './resource-checks.js';
import { validateSnsTopicArn } from './sns-topic-arn.js';
import { usedTemplateNames } from './templates.js';

/** Notification title and body every contact point uses, from the templates in templates.ts. */
export const TITLE_TEMPLATE = '{{ template "o11y.title" . }}';
export const MESSAGE_TEMPLATE = '{{ template "o11y.message" . }}';

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
export { validateSnsTopicArn };

const EMAIL = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;

/** Problems of a contact point's settings: secrets as references, and per type the SNS ARN, email addresses, webhook URL. */
export function contactPointProblems(cp: ContactPointDefinition, grafana: GrafanaTarget): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const path of cp.secretSettings) {
    const value = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], cp.settings);
    if (value !== undefined && !isEnvRef(value))
      out.push({
        field: `settings.${path}`,
        message: 'a secret must be an environment reference (fromEnv("NAME")), never a literal value',
      });
  }
  const s = cp.settings as Record<string, unknown>;
  if (cp.type === 'sns') {
    const arn = String(s.topic_arn ?? '');
    const serviceManaged = needsServiceManagedTopicName(cp, grafana);
    for (const message of validateSnsTopicArn(arn, { serviceManaged })) out.push({ field: 'settings.topic_arn', message });
    if (!(s.sigv4 as Record<string, unknown> | undefined)?.region)
      out.push({ field: 'settings.sigv4.region', message: 'the topic region is required for signing' });
  }
  if (cp.type === 'email') {
    const addresses = String(s.addresses ?? '');
    if (!isEnvRef(addresses)) {
      const list = addresses.split(';').filter((a) => a.trim() !== '');
      if (list.length === 0) out.push({ field: 'settings.addresses', message: 'no recipients' });
      for (const a of list) if (!EMAIL.test(a.trim())) out.push({ field: 'settings.addresses', message: `"${a}" is not an email address` });
    }
  }
  if (cp.type === 'webhook') {
    const url = String(s.url ?? '');
    if (!isEnvRef(url) && !/^https?:\/\/[^\s/]+/.test(url)) out.push({ field: 'settings.url', message: `"${url}" is not an http(s) URL` });
  }
  return out;
}

/**
 * The environment's contact points, checked (uids, names, settings, and that the templates their texts use are
 * defined), and their names (what the policy tree may route to).
 */
export function compileContactPoints(
  definition: AlertingDefinition,
  environment: EnvironmentDefinition,
  templates: ReadonlySet<string>,
): Compiled<AlertingResource> & { names: ReadonlySet<string> } {
  const problems: Problem[] = [];
  const report = reporter(problems, definition.source);
  for (const uid of duplicateKeys(definition.contactPoints, (c) => c.uid)) report(`contact point ${uid}`, 'uid', 'defined twice');
  const names = new Set<string>();
  const resources = definition.contactPoints.map((cp): AlertingResource => {
    const resource = `contact point ${cp.uid}`;
    if (!UID_PATTERN.test(cp.uid)) report(resource, 'uid', UID_RULE);
    if (names.has(cp.name)) report(resource, 'name', `name "${cp.name}" is used by another contact point`);
    names.add(cp.name);
    for (const p of contactPointProblems(cp, environment.grafana)) report(resource, p.field, p.message);
    for (const [key, value] of Object.entries(cp.settings)) {
      if (typeof value !== 'string') continue;
      for (const used of usedTemplateNames(value)) {
        if (!templates.has(used))
          report(resource, `settings.${key}`, `template "${used}" is not defined by any notification template of this environment`);
      }
    }
    return { kind: 'contact-point', uid: cp.uid, title: cp.name, body: { ...contactPointBody(cp) }, source: definition.source };
  });
  return { resources, problems, names };
}
