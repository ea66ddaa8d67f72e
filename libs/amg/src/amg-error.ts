/** A failure of the AMG flow, already phrased as the one line the user sees. */
export class AmgError extends Error {
  override readonly name = 'AmgError';
}

export interface AwsCallContext {
  /** SDK operation name, e.g. "CreateWorkspaceServiceAccountToken"; its IAM action is grafana:<operation>. */
  readonly operation: string;
  readonly workspaceId: string;
  readonly region: string;
}

interface SdkLikeError {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly hostname?: string;
  readonly $metadata?: { readonly attempts?: number; readonly httpStatusCode?: number };
  readonly cause?: unknown;
}

const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const REJECTED = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'MissingAuthenticationTokenException',
]);

/** Turns an SDK or network error of one control-plane call into a single line naming what to do. */
export function describeAwsError(error: unknown, ctx: AwsCallContext): string {
  const e = (error ?? {}) as SdkLikeError;
  const name = e.name ?? 'Error';
  const where = `Amazon Managed Grafana workspace ${ctx.workspaceId} (${ctx.region})`;
  const action = `grafana:${ctx.operation}`;
  const network = networkCode(e);
  if (name === 'ResourceNotFoundException' && ctx.operation === 'DescribeWorkspace') {
    return `${where}: no such workspace in ${ctx.region} (ResourceNotFoundException); check AMG_WORKSPACE_ID and AWS_REGION`;
  }
  if (name === 'ValidationException' && ctx.operation === 'DescribeWorkspace') {
    return `${where}: ${JSON.stringify(ctx.workspaceId)} is not a workspace id (ValidationException: ids look like g-0123456789)`;
  }
  if (name === 'AccessDeniedException') {
    return `${where}: AWS denied ${action} (AccessDeniedException); allow the action ${action} to the publisher's IAM role (see the README's IAM policy)`;
  }
  if (EXPIRED.has(name)) {
    return `${where}: the AWS credentials have expired (${name}); refresh them (aws sso login, or a new CI role session) and rerun`;
  }
  if (REJECTED.has(name)) {
    return `${where}: AWS rejected the credentials for ${action} (${name}: ${firstLine(e.message)})`;
  }
  if (name === 'CredentialsProviderError') {
    return `${where}: no AWS credentials found by the default provider chain (environment, profile, SSO, web identity, instance role): ${firstLine(e.message)}`;
  }
  if (name === 'ThrottlingException' || name === 'TooManyRequestsException') {
    const attempts = e.$metadata?.attempts;
    return `${where}: AWS kept throttling ${action} (${name}); the SDK retried ${attempts ? `${attempts} attempts` : 'with backoff'} and gave up; rerun later or raise AWS_MAX_ATTEMPTS`;
  }
  if (network === 'ENOTFOUND' || network === 'EAI_AGAIN') {
    const host = e.hostname ?? hostnameOf(e.cause) ?? `grafana.${ctx.region}.amazonaws.com`;
    return `${where}: no Amazon Managed Grafana endpoint in region ${ctx.region}: ${host} does not resolve (${network}); AMG is not offered there, AWS_REGION is misspelled, or DNS is unreachable`;
  }
  if (network) return `${where}: cannot reach the AMG control plane for ${action} (${network}: ${firstLine(e.message)})`;
  return `${where}: ${action} failed (${name}: ${firstLine(e.message)})`;
}

function networkCode(e: SdkLikeError): string | undefined {
  const codes = [e.code, (e.cause as SdkLikeError | undefined)?.code];
  return codes.find((c) => typeof c === 'string' && /^E[A-Z_]+$/.test(c));
}

function hostnameOf(cause: unknown): string | undefined {
  return (cause as SdkLikeError | undefined)?.hostname;
}

function firstLine(message: string | undefined): string {
  return (message ?? '').split('\n')[0]!.trim() || 'no message';
}
