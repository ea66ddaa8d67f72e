import { isEnvRef, type DataSourceDefinition } from '@o11y/environment';

/** Field names whose value is a credential wherever they appear. */
const SECRET_NAME = /(password|passwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credentials?)$/i;
/** Values shaped like credentials whatever they are called (AWS keys, Grafana/GitHub/Slack tokens, JWTs, bearer headers). */
const SECRET_VALUE =
  /^(AKIA|ASIA)[0-9A-Z]{16}$|^(glsa|glc|ghp|gho|ghs|github_pat|xox[abps])_?[A-Za-z0-9_-]{16,}|^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.|^(Bearer|Basic)\s+\S{8,}$/;
/** `scheme://user:password@host`: a password inside a URL. */
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/@:\s]+:([^/@\s]+)@/i;
/** Settings that only mean something as a key name (never a secret themselves). */
const NOT_SECRET =
  /^(httpHeaderName\d+|sigV4AuthType|authType|tlsAuth|tlsAuthWithCACert|tlsSkipVerify|oauthPassThru|basicAuth|basicAuthUser|user)$/;

/**
 * Literal secrets anywhere in a data source (every field, nested ones included) except as
 * environment references in `secureJsonData`: each problem as `[field, message]`.
 */
export function literalSecretsIn(ds: DataSourceDefinition): Array<[field: string, message: string]> {
  const out: Array<[string, string]> = [];
  const literal = 'a secret must be an environment reference (fromEnv("NAME")) in secureJsonData, never a literal value';
  const walk = (value: unknown, path: string, key: string) => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}[${i}]`, key));
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, k);
      return;
    }
    if (typeof value !== 'string' || value === '') return;
    const inSecure = path.startsWith('secureJsonData.');
    const password = URL_PASSWORD.exec(value)?.[1];
    if (password !== undefined && !isEnvRef(password))
      out.push([path, 'URL carries a password; put it in secureJsonData as fromEnv("NAME")']);
    else if (inSecure) {
      if (!isEnvRef(value)) out.push([path, 'a secret must be an environment reference (fromEnv("NAME")), never a literal value']);
    } else if (/^httpHeaderValue\d+$/.test(key) || (path === key && /^(basicAuthPassword|password)$/.test(key))) {
      out.push([path, `${key} is stored unencrypted here; put it in secureJsonData as fromEnv("NAME")`]);
    } else if (!NOT_SECRET.test(key) && !isEnvRef(value) && (SECRET_NAME.test(key) || SECRET_VALUE.test(value))) {
      out.push([path, literal]);
    }
  };
  walk(ds, '', '');
  return out;
}
