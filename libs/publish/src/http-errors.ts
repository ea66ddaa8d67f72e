import { PublishError } from './errors.js';

/** Roles Grafana requires per API area, for 403 lines. */
function roleNeeded(method: string, path: string): string {
  if (path.startsWith('/api/datasources')) return 'Admin (data sources need the Admin org role)';
  // fixed:alerting.provisioning:writer (and the provisioning reader) are granted to Admin only
  if (path.startsWith('/api/v1/provisioning')) return 'Admin (alerting provisioning)';
  if (method === 'GET') return 'Viewer';
  return 'Editor';
}

/** The message of an error answer: Grafana's `message` field, or the start of the body. */
export function serverMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: string; status?: string };
    if (parsed && typeof parsed.message === 'string')
      return parsed.message + (parsed.status && parsed.status !== 'Failure' ? ` (${parsed.status})` : '');
  } catch {
    // not JSON: fall through
  }
  return body.trim().slice(0, 200).replace(/\s+/g, ' ');
}

/** One line for an HTTP error answer. */
export function describeHttpError(
  prefix: string,
  method: string,
  url: URL,
  status: number,
  contentType: string,
  body: string,
): PublishError {
  const where = `${method} ${url.pathname}`;
  if (/text\/html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(body)) {
    return new PublishError(
      `${prefix}: ${url.origin} answered ${where} with HTML (status ${status}), not the Grafana API: check GRAFANA_URL or the environment's grafana.url`,
      status,
    );
  }
  const msg = serverMessage(body);
  switch (status) {
    case 401:
      return new PublishError(
        `${prefix}: ${where}: 401 token or credentials rejected (${msg}); check GRAFANA_TOKEN or GRAFANA_USER/GRAFANA_PASSWORD`,
        status,
      );
    case 403:
      return new PublishError(
        `${prefix}: ${where}: 403 permission denied (${msg}); the token needs the ${roleNeeded(method, url.pathname)} role`,
        status,
      );
    case 409:
      return new PublishError(`${prefix}: ${where}: 409 conflict: ${msg}; rerun plan to see the current state`, status);
    case 412:
      return new PublishError(`${prefix}: ${where}: 412 changed concurrently: ${msg}; rerun plan to see the current state`, status);
    default:
      return new PublishError(`${prefix}: ${where}: ${status} ${msg}`, status);
  }
}

/** One line for a failure below HTTP: refused, DNS, TLS, timeout, reset. */
export function describeNetworkError(prefix: string, url: URL, error: unknown, timeoutMs?: number): PublishError {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.name === 'TimeoutError' ? 'ETIMEDOUT' : String(e.code ?? e.cause?.code ?? '');
  const detail = e.cause?.message ?? e.message ?? String(error);
  if (code === 'ECONNREFUSED')
    return new PublishError(`${prefix}: connection refused by ${url.host}: is Grafana running there? (check GRAFANA_URL)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new PublishError(`${prefix}: host ${url.hostname} not found (DNS): check GRAFANA_URL`);
  if (/TIMEOUT/i.test(code) || /timeout/i.test(detail))
    return new PublishError(
      `${prefix}: ${url.host} did not answer in time (${timeoutMs ? `after ${timeoutMs} ms, ` : ''}${code || 'timeout'})`,
    );
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code) || /certificate|ssl|tls/i.test(detail)) {
    return new PublishError(
      `${prefix}: TLS failure talking to ${url.host} (${code || detail}): pass --ca-file, set NODE_EXTRA_CA_CERTS, or --insecure-skip-tls-verify`,
    );
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    return new PublishError(`${prefix}: connection to ${url.host} was reset (${code})`);
  return new PublishError(`${prefix}: request to ${url.host} failed: ${code ? `${code} ` : ''}${detail}`);
}

/** Statuses and network failures worth retrying. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

export function isRetryableNetworkError(error: unknown): boolean {
  const e = error as { name?: string; code?: string; cause?: { code?: string } };
  const code = e.name === 'TimeoutError' ? 'ETIMEDOUT' : (e.code ?? e.cause?.code ?? '');
  return [
    'ECONNRESET',
    'UND_ERR_SOCKET',
    'EPIPE',
    'UND_ERR_CLOSED',
    'ECONNABORTED',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'UND_ERR_CONNECT_TIMEOUT',
    'ETIMEDOUT',
  ].includes(code);
}
