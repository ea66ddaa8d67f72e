import { envRefsIn, resolveEnvRefs } from '@o11y/environment';
import { validateSnsTopicArn } from '@o11y/alerting/sns-topic-arn';
import type { DesiredResource } from './artifacts.js';
import { PublishError } from './errors.js';
import type { ResolvedResource } from './kinds/adapter.js';
import type { Redactor } from './secrets.js';

/**
 * Resolves every `${env:NAME}` of every resource, or throws one error naming each missing variable
 * and what needs it, before anything is written. Checks SNS topic ARNs that came from the environment.
 */
export function resolveResources(
  environment: string,
  resources: readonly DesiredResource[],
  env: Readonly<Record<string, string | undefined>>,
  options: { serviceManagedSns: boolean; redactor: Redactor },
): ResolvedResource[] {
  const missing = new Map<string, string[]>();
  for (const r of resources) {
    for (const name of envRefsIn(r.body)) {
      if (env[name] === undefined || env[name] === '') missing.set(name, [...(missing.get(name) ?? []), `${r.kind} ${r.uid}`]);
    }
  }
  if (missing.size > 0) {
    const parts = [...missing].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, users]) => `${name} (${users.join(', ')})`);
    throw new PublishError(
      `${environment}: environment variable${missing.size > 1 ? 's' : ''} not set: ${parts.join('; ')}; nothing was written`,
    );
  }
  const resolved = resources.map((r) => ({ ...r, resolved: resolveEnvRefs(r.body, env, `${environment} ${r.kind} ${r.uid}`) }));
  const problems: string[] = [];
  for (const r of resolved) {
    const settings = r.resolved.settings as Record<string, unknown> | undefined;
    if (r.kind === 'contact-point' && r.resolved.type === 'sns' && typeof settings?.topic_arn === 'string') {
      const fromEnv = envRefsIn((r.body.settings as Record<string, unknown>).topic_arn).size > 0;
      if (!fromEnv) continue;
      for (const p of validateSnsTopicArn(settings.topic_arn, { serviceManaged: options.serviceManagedSns }))
        problems.push(`contact-point ${r.uid} settings.topic_arn: ${options.redactor.redact(p)}`);
    }
  }
  if (problems.length > 0) throw new PublishError(`${environment}: ${problems.join('; ')}; nothing was written`);
  return resolved;
}
