import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

/** Access key pairs the control-plane stand-in accepts, as IAM would. */
export type KnownCredentials = ReadonlyMap<string, string>;

export interface SignedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export type SignatureVerdict =
  | { readonly ok: true; readonly accessKeyId: string; readonly region: string }
  | {
      readonly ok: false;
      readonly errorType: 'MissingAuthenticationTokenException' | 'UnrecognizedClientException' | 'InvalidSignatureException';
      readonly message: string;
    };

// AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/grafana/aws4_request, SignedHeaders=a;b, Signature=hex
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

/** Re-signs the request with the known secret and compares, so only a request really signed by the SDK passes. */
export async function verifySigV4(request: SignedRequest, known: KnownCredentials): Promise<SignatureVerdict> {
  const authorization = header(request.headers, 'authorization');
  const amzDate = header(request.headers, 'x-amz-date');
  if (!authorization || !amzDate) {
    return { ok: false, errorType: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  }
  const m = AUTHORIZATION.exec(authorization);
  if (!m) return { ok: false, errorType: 'InvalidSignatureException', message: 'Authorization header is not AWS4-HMAC-SHA256' };
  const [, accessKeyId, , region, service, signedHeaderList, signature] = m as unknown as string[];
  const secretAccessKey = known.get(accessKeyId!);
  if (secretAccessKey === undefined) {
    return { ok: false, errorType: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  }
  const signedHeaders: Record<string, string> = {};
  for (const name of signedHeaderList!.split(';')) signedHeaders[name] = header(request.headers, name) ?? '';
  const [host, port] = (signedHeaders['host'] ?? '').split(':');
  const signer = new SignatureV4({
    credentials: { accessKeyId: accessKeyId!, secretAccessKey, sessionToken: header(request.headers, 'x-amz-security-token') },
    region: region!,
    service: service!,
    sha256: Sha256,
  });
  const resigned = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: host ?? '',
      port: port ? Number(port) : undefined,
      path: request.path,
      query: request.query,
      headers: signedHeaders,
      body: request.body || undefined,
    },
    { signingDate: parseAmzDate(amzDate), signingRegion: region, signingService: service },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers['authorization']))?.[1];
  if (expected !== signature) {
    return {
      ok: false,
      errorType: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    };
  }
  return { ok: true, accessKeyId: accessKeyId!, region: region! };
}

function header(headers: SignedRequest['headers'], name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(',') : v;
}

function parseAmzDate(v: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  if (!m) return new Date(Number.NaN);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}
