import { isEnvRef } from '@o11y/environment';

const ARN = /^arn:(aws|aws-cn|aws-us-gov):sns:([^:]*):([^:]*):(.*)$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const TOPIC = /^[A-Za-z0-9_-]{1,256}$/;
const ENV_MARK = '\u0000env\u0000';

/**
 * Problems of an SNS topic ARN (empty when valid). Parts that are environment references are only known at
 * publish time: the build checks the literal parts, the publisher calls this again with the resolved value.
 * With service-managed permissions on Amazon Managed Grafana the topic name must start with `grafana`.
 */
export function validateSnsTopicArn(arn: string, options: { readonly serviceManaged: boolean }): string[] {
  if (isEnvRef(arn)) return [];
  // References contain ":" themselves; stand them in with a marker so the ARN splits into its parts.
  const m = ARN.exec(arn.replace(/\$\{env:[A-Za-z0-9_]+\}/g, ENV_MARK));
  if (!m) return [`${JSON.stringify(arn)} is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)`];
  const [, , region, account, topic] = m as unknown as [string, string, string, string, string];
  const literal = (part: string) => !part.includes(ENV_MARK);
  const problems: string[] = [];
  if (literal(region) && !REGION.test(region)) problems.push(`region ${JSON.stringify(region)} of the topic ARN is not an AWS region`);
  if (literal(account) && !/^\d{12}$/.test(account))
    problems.push(`account ${JSON.stringify(account)} of the topic ARN is not a 12-digit account id`);
  if (literal(topic)) {
    if (!TOPIC.test(topic)) problems.push(`topic name ${JSON.stringify(topic)} must be 1-256 letters, digits, "-" and "_"`);
    else if (options.serviceManaged && !topic.startsWith('grafana')) {
      problems.push(
        `topic name ${JSON.stringify(topic)} must start with "grafana": Amazon Managed Grafana with service-managed permissions may only publish to grafana* topics`,
      );
    }
  }
  return problems;
}
