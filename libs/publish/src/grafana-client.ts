import { readFileSync } from 'node:fs';
import pRetry, { AbortError } from 'p-retry';
import { Agent, request, type Dispatcher } from 'undici';
import { PublishError } from './errors.js';
import { describeHttpError, describeNetworkError, isRetryableNetworkError, isRetryableStatus } from './http-errors.js';

export type GrafanaAuth =
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'basic'; readonly user: string; readonly password: string }
  | { readonly kind: 'none' };

export interface GrafanaClientOptions {
  readonly url: string;
  readonly auth: GrafanaAuth;
  /** Sent as X-Grafana-Org-Id (basic auth in another organisation). */
  readonly orgId?: string;
  /** PEM file with the CA that signed Grafana's certificate. */
  readonly caFile?: string;
  readonly insecureSkipTlsVerify?: boolean;
  /** Per request, in ms. */
  readonly timeoutMs?: number;
  /** Whole run: retries stop once it has passed. */
  readonly deadline?: number;
  /** Prefix of every error line, e.g. the environment name. */
  readonly errorPrefix?: string;
  readonly retries?: number;
  /** Smallest backoff in ms (tests shorten it). */
  readonly minBackoffMs?: number;
}

/** An HTTP answer that is an error; `retryAfterMs` comes from Retry-After. */
export class GrafanaHttpError extends PublishError {
  constructor(
    message: string,
    override readonly status: number,
    readonly body: string,
    readonly retryAfterMs?: number,
  ) {
    super(message, status);
  }
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Statuses returned as `undefined` instead of thrown (e.g. 404 on a lookup). */
  readonly allow?: readonly number[];
  /** Context for the error line: `folder o11y`. */
  readonly what?: string;
}

export interface RequestCounts {
  reads: number;
  writes: number;
}

function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (!v) return undefined;
  const seconds = Number(v);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Whether a failure is worth another try (429/502/503/504, reset connections, timeouts). */
export function isRetryable(error: unknown): boolean {
  if (error instanceof GrafanaHttpError) return isRetryableStatus(error.status);
  // Network failures are PublishErrors too, carrying the code of what went wrong below HTTP.
  return isRetryableNetworkError(error);
}

/**
 * Retries `fn` with exponential backoff and jitter, honouring Retry-After, until the deadline.
 * `fn` gets the attempt number so a write can re-read the resource before trying again.
 */
export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  options: { retries?: number; deadline?: number; minBackoffMs?: number; retryWhen?: (error: unknown, attempt: number) => boolean } = {},
): Promise<T> {
  const retryWhen = options.retryWhen ?? ((e: unknown) => isRetryable(e));
  const remaining = options.deadline ? Math.max(0, options.deadline - Date.now()) : undefined;
  return pRetry(
    async (attempt) => {
      try {
        return await fn(attempt);
      } catch (e) {
        if (!retryWhen(e, attempt)) throw new AbortError(e as Error);
        if (options.deadline && Date.now() > options.deadline) throw new AbortError(e as Error);
        throw e;
      }
    },
    {
      retries: options.retries ?? 8,
      minTimeout: options.minBackoffMs ?? 200,
      maxTimeout: 10_000,
      factor: 2,
      randomize: true,
      ...(remaining !== undefined ? { maxRetryTime: remaining } : {}),
      onFailedAttempt: async ({ error }) => {
        const wait = (error as GrafanaHttpError).retryAfterMs;
        if (wait) await new Promise((r) => setTimeout(r, Math.min(wait, 30_000)));
      },
    },
  ).catch((e: unknown) => {
    // p-retry wraps the original error in AbortError for non-retryable ones.
    throw (e as { originalError?: unknown }).originalError ?? e;
  });
}

/** A small Grafana HTTP API client: auth, TLS, timeouts, one-line errors, read/write counts. */
export class GrafanaClient {
  readonly base: URL;
  readonly counts: RequestCounts = { reads: 0, writes: 0 };
  private readonly dispatcher: Dispatcher;
  private readonly headers: Record<string, string>;

  constructor(readonly options: GrafanaClientOptions) {
    try {
      this.base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    } catch {
      throw new PublishError(`${options.errorPrefix ?? 'grafana'}: ${JSON.stringify(options.url)} is not a URL`);
    }
    const ca = options.caFile ? readFileSync(options.caFile, 'utf8') : undefined;
    this.dispatcher = new Agent({
      connect: {
        ...(ca ? { ca } : {}),
        ...(options.insecureSkipTlsVerify ? { rejectUnauthorized: false } : {}),
        timeout: options.timeoutMs ?? 30_000,
      },
      headersTimeout: options.timeoutMs ?? 30_000,
      bodyTimeout: options.timeoutMs ?? 30_000,
      connections: 16,
    });
    this.headers = { accept: 'application/json', 'user-agent': 'o11y-publish' };
    if (options.auth.kind === 'token') this.headers.authorization = `Bearer ${options.auth.token}`;
    if (options.auth.kind === 'basic')
      this.headers.authorization = `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}`;
    if (options.orgId) this.headers['x-grafana-org-id'] = options.orgId;
  }

  /** One request, not retried. Throws GrafanaHttpError / PublishError with one-line messages. */
  async send<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T | undefined> {
    const url = new URL(path.replace(/^\//, ''), this.base);
    const prefix = [this.options.errorPrefix, opts.what].filter(Boolean).join(' ') || 'grafana';
    const write = method !== 'GET' && method !== 'HEAD';
    if (write) this.counts.writes++;
    else this.counts.reads++;
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: method as Dispatcher.HttpMethod,
        dispatcher: this.dispatcher,
        headers: { ...this.headers, ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (e) {
      const timeoutMs = this.options.timeoutMs ?? 30_000;
      const err = describeNetworkError(prefix, url, e, timeoutMs);
      // Keep the code so the retry policy can tell a reset or a timeout from a refusal.
      const code =
        (e as Error).name === 'TimeoutError'
          ? 'ETIMEDOUT'
          : ((e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code);
      throw Object.assign(err, { code });
    }
    let text: string;
    try {
      text = await res.body.text();
    } catch (e) {
      throw Object.assign(describeNetworkError(prefix, url, e), { code: 'ECONNRESET' });
    }
    if (opts.allow?.includes(res.statusCode)) return undefined;
    const contentType = String(res.headers['content-type'] ?? '');
    if (res.statusCode >= 400) {
      const e = describeHttpError(prefix, method, url, res.statusCode, contentType, text);
      throw new GrafanaHttpError(e.message, res.statusCode, text, retryAfterMs(res.headers['retry-after']));
    }
    if (text === '') return undefined;
    if (/text\/html/i.test(contentType) || /^\s*</.test(text)) {
      throw new PublishError(describeHttpError(prefix, method, url, res.statusCode, contentType, text).message);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new PublishError(`${prefix}: ${method} ${url.pathname}: answer is not JSON: ${text.slice(0, 80).replace(/\s+/g, ' ')}`);
    }
  }

  /** A read, retried on transient failures. */
  get<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T | undefined> {
    return withRetries(() => this.send<T>('GET', path, opts), {
      retries: this.options.retries,
      deadline: this.options.deadline,
      minBackoffMs: this.options.minBackoffMs,
    });
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

export { isRetryableNetworkError };
