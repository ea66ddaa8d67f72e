import { DefinitionError } from '@o11y/environment';

/** What a per-account value is; decides its Helm value schema (helm-package.ts). */
export type ConfigValueKind = 'region' | 'roleArn' | 'image' | 's3Bucket' | 'ampWorkspaceId';

/** One per-account setting read from an environment variable (at build time) or a Helm value (at install time). */
export interface ConfigVariable {
  readonly kind: ConfigValueKind;
  /** Environment variable name, e.g. `AWS_REGION`. */
  readonly env: string;
  /** Documentation example used when the variable is unset outside strict mode (never a real account's value). */
  readonly example: string;
  /** What the value is, for the error message. */
  readonly description: string;
}

export interface ReadChartConfigOptions {
  /** The environment's definition file, relative to the workspace root (named in errors). */
  readonly source: string;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where the one-line warning about example values goes. @default a line on stderr */
  readonly warn?: (line: string) => void;
}

/** Set by real deploy pipelines: every variable must be set, examples are never used. */
export const STRICT_CONFIG_VARIABLE = 'O11Y_STRICT_CONFIG';

/**
 * Reads per-account settings from environment variables. Unset ones fall back to clearly fake documentation
 * examples with one warning line; with `O11Y_STRICT_CONFIG=1` they are a DefinitionError naming each variable.
 */
export function readChartConfig<K extends string>(
  spec: Readonly<Record<K, ConfigVariable>>,
  options: ReadChartConfigOptions,
): Record<K, string> {
  const env = options.env ?? process.env;
  const entries = Object.entries(spec) as [K, ConfigVariable][];
  const missing = entries.filter(([, v]) => (env[v.env] ?? '').trim() === '');
  if (missing.length > 0) {
    if (env[STRICT_CONFIG_VARIABLE] === '1') {
      throw new DefinitionError(
        missing.map(([, v]) => ({
          file: options.source,
          resource: `environment variable ${v.env}`,
          message: `not set (${v.description}); ${STRICT_CONFIG_VARIABLE}=1 forbids example values`,
        })),
      );
    }
    const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
    warn(
      `warning: ${options.source}: ${missing.map(([, v]) => v.env).join(', ')} not set; charts use documentation example values (set ${STRICT_CONFIG_VARIABLE}=1 to make this an error)`,
    );
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, (env[v.env] ?? '').trim() || v.example])) as Record<K, string>;
}

/** AWS's documented example account, for example ARNs. */
export const EXAMPLE_ACCOUNT_ID = '111122223333';
