import { DefinitionError, type ChartArtifact, type HelmChartArtifact } from '@o11y/environment';
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { ConfigValueKind, ConfigVariable } from './chart-config.js';

/**
 * JSON-schema patterns of the install-time values. They also keep each value a plain YAML scalar (no spaces,
 * `#`, quotes or `: `), so substituting it into the synthesized YAML text stays valid YAML.
 */
export const VALUE_PATTERNS: Readonly<Record<ConfigValueKind, string>> = {
  region: '^[a-z]{2}(-[a-z]+)+-\\d$',
  roleArn: '^arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]+$',
  image: '^[a-z0-9][a-z0-9._/-]*(:[0-9]+/[a-z0-9._/-]+)?(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$',
  s3Bucket: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
  ampWorkspaceId: '^ws-[A-Za-z0-9-]{1,64}$',
};

// Marks a placeholder; a construct that reshapes a value (splits, lower-cases) leaves a fragment and fails the build.
const MARK = 'helmvalue';

/** A stand-in value each construct accepts and that appears nowhere else, so its occurrences become `.Values.<key>`. */
function placeholder(key: string, kind: ConfigValueKind): string {
  const word = key.toLowerCase().replace(/[^a-z]/g, '');
  switch (kind) {
    case 'region':
      return `zz-${MARK}${word}-9`;
    case 'roleArn':
      return `arn:aws:iam::999999999999:role/${MARK}-${word}`;
    case 'image':
      return `${MARK}.invalid/${word}:${MARK}`;
    case 's3Bucket':
      return `${MARK}-${word}`;
    case 'ampWorkspaceId':
      return `ws-${MARK}-${word}`;
  }
}

export interface HelmPackageOptions {
  /** Chart version (SemVer); bump when the templates change. */
  readonly version: string;
  /** The environment, named in each chart's description. */
  readonly environment: string;
  /** Where errors point. */
  readonly source: string;
}

/**
 * Each chart of an environment as a Helm chart whose per-account values are install-time values: the charts are
 * synthesized once with placeholders (validated like every build), then each placeholder becomes
 * `{{ .Values.<key> }}`. values.yaml documents every value with its default (the documentation example) and
 * values.schema.json rejects malformed ones. cdk8s's own Helm output (`cdk8s synth --format helm`) keeps
 * values fixed at synth time, so it cannot make them install-time values.
 */
export function helmPackages<K extends string>(
  spec: Readonly<Record<K, ConfigVariable>>,
  synthesize: (values: Record<K, string>) => readonly ChartArtifact[],
  options: HelmPackageOptions,
): HelmChartArtifact[] {
  const keys = (Object.keys(spec) as K[]).sort();
  const placeholders = Object.fromEntries(keys.map((k) => [k, placeholder(k, spec[k].kind)])) as Record<K, string>;
  return synthesize(placeholders).map((chart) => {
    // Text that Go templates would read as an action is written as a literal.
    let template = chart.yaml.replaceAll('{{', '{{ "{{" }}');
    const used = keys.filter((k) => template.includes(placeholders[k]));
    for (const k of used) template = template.replaceAll(placeholders[k], `{{ .Values.${k} }}`);
    if (template.toLowerCase().includes(MARK))
      throw new DefinitionError([
        {
          file: options.source,
          resource: `helm chart ${chart.name}`,
          message: `a construct reshapes a per-account value (a "${MARK}" placeholder survives), so it cannot become a Helm value`,
        },
      ]);
    return {
      name: chart.name,
      files: {
        'Chart.yaml': chartYamlFile(chart.name, options),
        'values.yaml': valuesYaml(spec, used),
        'values.schema.json': `${JSON.stringify(valuesSchema(spec, used), null, 2)}\n`,
        [`templates/${chart.name}.yaml`]: template,
      },
    };
  });
}

function chartYamlFile(name: string, options: HelmPackageOptions): string {
  return stringify(
    {
      apiVersion: 'v2',
      name,
      description: `${name} of the ${options.environment} environment (o11y workspace, synthesized with cdk8s)`,
      type: 'application',
      version: options.version,
    },
    { lineWidth: 0 },
  );
}

function valuesYaml<K extends string>(spec: Readonly<Record<K, ConfigVariable>>, used: readonly K[]): string {
  if (used.length === 0) return '# This chart has no per-account values.\n{}\n';
  return used
    .map(
      (k) =>
        `# ${spec[k].description} (build-time equivalent: ${spec[k].env}). Default: the AWS documentation example.\n${k}: ${spec[k].example}\n`,
    )
    .join('\n');
}

function valuesSchema<K extends string>(spec: Readonly<Record<K, ConfigVariable>>, used: readonly K[]): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    required: [...used],
    properties: {
      ...Object.fromEntries(
        used.map((k) => [k, { type: 'string', description: spec[k].description, pattern: VALUE_PATTERNS[spec[k].kind] }]),
      ),
      // Helm passes `global` to every chart.
      global: { type: 'object' },
    },
    additionalProperties: false,
  };
}

/**
 * A digest of every chart's files except Chart.yaml: specs record it per chart version, so a template change
 * without a version bump fails a test instead of shipping two different charts under one version.
 */
export function helmChartsDigest(charts: readonly HelmChartArtifact[]): string {
  const hash = createHash('sha256');
  for (const chart of [...charts].sort((a, b) => a.name.localeCompare(b.name)))
    for (const file of Object.keys(chart.files).sort())
      if (file !== 'Chart.yaml') hash.update(`${chart.name}/${file}\0${chart.files[file]}\0`);
  return `sha256:${hash.digest('hex')}`;
}
