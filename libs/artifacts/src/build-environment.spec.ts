import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileAlerting, snsContactPoint, weekends } from '@o11y/alerting';
import {
  DefinitionError,
  defineDashboard,
  fromEnv,
  type AlertingDefinition,
  type AlertRuleDefinition,
  type GrafanaAlertData,
  type EnvironmentDefinition,
} from '@o11y/environment';
import { canonicalJson } from './canonical-json.js';
import { buildEnvironment } from './build-environment.js';
import { writeArtifacts } from './write-artifacts.js';

const root = '/repo';
const dash = (uid: string, panels: object[] = []) =>
  defineDashboard('/repo/dashboards/x/src/dashboard.ts', {
    uid,
    title: uid,
    tags: ['t'],
    templating: { list: [{ type: 'datasource', name: 'datasource', query: 'prometheus' }] },
    panels,
  });

/** One collector scraping one target without catalogue: it feeds `up` and the scrape series, nothing else. */
const scrapesOneTarget: EnvironmentDefinition['metricsPipelines'] = () => [
  {
    name: 'test collector',
    config: {
      receivers: { prometheus: { config: { scrape_configs: [{ job_name: 'app', static_configs: [{ targets: ['127.0.0.1:8080'] }] }] } } },
      exporters: { prometheusremotewrite: { endpoint: 'http://127.0.0.1:9090/api/v1/write', add_metric_suffixes: false } },
      service: { pipelines: { metrics: { receivers: ['prometheus'], exporters: ['prometheusremotewrite'] } } },
    },
  },
];

const env = (over: Partial<EnvironmentDefinition> = {}): EnvironmentDefinition => ({
  name: 'test',
  source: '/repo/environments/test/src/environment.ts',
  grafana: { kind: 'self-hosted', url: 'http://localhost:3000', version: '12.4.2' },
  folders: [
    { uid: 'top', title: 'Top' },
    { uid: 'child', title: 'Child', parent: 'top' },
  ],
  datasources: [
    {
      uid: 'prometheus',
      name: 'Prometheus',
      type: 'prometheus',
      access: 'proxy',
      url: 'http://p',
      jsonData: {},
      secureJsonData: { basicAuthPassword: fromEnv('PROM_PASSWORD') },
    },
  ],
  dashboards: [
    { folder: 'child', dashboard: dash('b') },
    { folder: 'top', dashboard: dash('a') },
  ],
  metricsPipelines: scrapesOneTarget,
  ...over,
});

describe('buildEnvironment', () => {
  it('writes one file per resource and a manifest in apply order', () => {
    // when
    const { manifest, files } = buildEnvironment(env(), root);

    // then
    expect(manifest.resources.map((r) => `${r.kind}:${r.uid}`)).toEqual([
      'folder:child',
      'folder:top',
      'datasource:prometheus',
      'dashboard:a',
      'dashboard:b',
    ]);
    expect([...files.keys()].sort()).toEqual([
      'grafana/dashboards/a.json',
      'grafana/dashboards/b.json',
      'grafana/datasources/prometheus.json',
      'grafana/folders/child.json',
      'grafana/folders/top.json',
      'manifest.json',
    ]);
    expect(manifest.resources.find((r) => r.uid === 'b')).toMatchObject({ folder: 'child', source: 'dashboards/x/src/dashboard.ts' });
    expect(JSON.parse(files.get('grafana/folders/child.json')!)).toEqual({ uid: 'child', title: 'Child', parentUid: 'top' });
  });

  it('is byte-for-byte deterministic', () => {
    const a = buildEnvironment(env(), root).files;
    const b = buildEnvironment(env(), root).files;
    expect([...a]).toEqual([...b]);
  });

  it('records secrets only as environment references', () => {
    const { manifest, files } = buildEnvironment(env(), root);
    expect(files.get('grafana/datasources/prometheus.json')).toContain('"basicAuthPassword": "${env:PROM_PASSWORD}"');
    expect(manifest.resources.find((r) => r.kind === 'datasource')?.env).toEqual(['PROM_PASSWORD']);
  });

  it('collects every problem of every resource before failing', () => {
    // given: a literal secret, an unknown folder, a missing parent and a broken query
    const broken = env({
      folders: [{ uid: 'top', title: 'Top', parent: 'nowhere' }],
      datasources: [
        {
          uid: 'prometheus',
          name: 'P',
          type: 'prometheus',
          access: 'proxy',
          jsonData: {},
          secureJsonData: { basicAuthPassword: 'hunter2' as never },
        },
      ],
      dashboards: [
        {
          folder: 'missing',
          dashboard: dash('a', [
            {
              type: 'stat',
              title: 'Up',
              gridPos: { x: 0, y: 0, w: 6, h: 4 },
              datasource: { uid: '${datasource}' },
              fieldConfig: { defaults: { unit: 'short' } },
              targets: [{ expr: 'up{' }],
            },
          ]),
        },
      ],
    });

    // when
    const error = (() => {
      try {
        buildEnvironment(broken, root);
      } catch (e) {
        return e as DefinitionError;
      }
      throw new Error('expected a DefinitionError');
    })();

    // then
    expect(error).toBeInstanceOf(DefinitionError);
    expect(error.message.split('\n')).toEqual([
      'environments/test/src/environment.ts: folder top parent: parent folder "nowhere" is not defined',
      'environments/test/src/environment.ts: datasource prometheus secureJsonData.basicAuthPassword: a secret must be an environment reference (fromEnv("NAME")), never a literal value',
      'environments/test/src/environment.ts: dashboard a folder: folder "missing" is not defined in this environment',
      expect.stringMatching(/^dashboards\/x\/src\/dashboard\.ts: dashboard a panel "Up" query A: PromQL does not parse/),
    ]);
  });

  const problemsOf = (e: EnvironmentDefinition): string[] => {
    try {
      buildEnvironment(e, root);
      return [];
    } catch (err) {
      return (err as DefinitionError).message.split('\n');
    }
  };

  const upPanel = (expr: string, title = 'Up') => ({
    type: 'timeseries',
    title,
    gridPos: { x: 0, y: 0, w: 12, h: 8 },
    datasource: { uid: '${datasource}' },
    fieldConfig: { defaults: { unit: 'short' } },
    targets: [{ refId: 'A', datasource: { uid: '${datasource}' }, expr }],
  });

  it('fails on a panel query no scrape job of the environment feeds, naming the panel and the metric, and writes nothing', () => {
    // given a dashboard reading a metric the environment's only collector never stores
    const e = env({ dashboards: [{ folder: 'top', dashboard: dash('a', [upPanel('sum(rate(http_requests_total[5m]))', 'Requests')]) }] });

    // when
    const problems = problemsOf(e);

    // then
    expect(problems).toEqual([
      'environments/test: dashboard a panel "Requests": http_requests_total is not produced by any scrape job of this environment',
    ]);
  });

  it('builds when every query is fed, or its panel is declared without a source with a reason', () => {
    // given one fed panel and one declared one
    const e = env({
      dashboards: [
        {
          folder: 'top',
          dashboard: dash('a', [
            upPanel('up{job="app"}'),
            { ...upPanel('http_requests_total', 'Requests'), gridPos: { x: 12, y: 0, w: 12, h: 8 } },
          ]),
        },
      ],
      withoutSource: [{ dashboard: 'a', panel: 'Requests', why: 'the app is not deployed in this environment' }],
    });

    // when / then
    expect(problemsOf(e)).toEqual([]);
  });

  it('does not check an environment with no pipelines of its own (no charts, no metricsPipelines), and says so', () => {
    // given dashboards over a store this environment does not feed
    const e = env({ metricsPipelines: undefined, dashboards: [{ folder: 'top', dashboard: dash('a', [upPanel('http_requests_total')]) }] });

    // when
    const build = buildEnvironment(e, root);

    // then
    expect(build.contract).toBeUndefined();
    expect(buildEnvironment(env(), root).contract).toEqual({ checked: 0, skipped: [] });
  });

  it('finds literal secrets in every data source field, not only secureJsonData', () => {
    // given
    const ds = {
      uid: 'leaky',
      name: 'Leaky',
      type: 'prometheus',
      access: 'proxy' as const,
      url: 'http://admin:hunter2@prometheus:9090',
      password: 'hunter2',
      basicAuthPassword: 'hunter2',
      jsonData: {
        httpHeaderName1: 'Authorization',
        httpHeaderValue1: 'Bearer abcdefgh12345678',
        nested: { apiKey: 'k-123' },
        // Built at run time so no token-shaped literal sits in the repository.
        note: ['glsa', 'abcdefghijklmnopqrstuvwxyz012345'].join('_'),
        timeInterval: '15s',
      },
    };

    // when / then
    expect(problemsOf(env({ datasources: [ds as never] }))).toEqual([
      'environments/test/src/environment.ts: datasource leaky url: URL carries a password; put it in secureJsonData as fromEnv("NAME")',
      'environments/test/src/environment.ts: datasource leaky password: password is stored unencrypted here; put it in secureJsonData as fromEnv("NAME")',
      'environments/test/src/environment.ts: datasource leaky basicAuthPassword: basicAuthPassword is stored unencrypted here; put it in secureJsonData as fromEnv("NAME")',
      'environments/test/src/environment.ts: datasource leaky jsonData.httpHeaderValue1: httpHeaderValue1 is stored unencrypted here; put it in secureJsonData as fromEnv("NAME")',
      'environments/test/src/environment.ts: datasource leaky jsonData.nested.apiKey: a secret must be an environment reference (fromEnv("NAME")) in secureJsonData, never a literal value',
      'environments/test/src/environment.ts: datasource leaky jsonData.note: a secret must be an environment reference (fromEnv("NAME")) in secureJsonData, never a literal value',
    ]);
  });

  it('accepts a password in a URL only as an environment reference', () => {
    const ds = { ...env().datasources[0]!, url: 'http://grafana:${env:PROM_PASSWORD}@p' };
    expect(problemsOf(env({ datasources: [ds] }))).toEqual([]);
  });

  it('names both source files of a dashboard uid defined twice', () => {
    const other = defineDashboard('/repo/dashboards/y/src/dashboard.ts', dash('a').model);
    expect(
      problemsOf(
        env({
          dashboards: [
            { folder: 'top', dashboard: dash('a') },
            { folder: 'top', dashboard: other },
          ],
        }),
      ),
    ).toEqual([
      'environments/test/src/environment.ts: dashboard a uid: defined twice: in dashboards/x/src/dashboard.ts and in dashboards/y/src/dashboard.ts',
    ]);
  });

  it('adds chart files and reports chart problems with the rest', () => {
    const { files, manifest } = buildEnvironment(env({ charts: () => [{ name: 'adot-metrics', yaml: 'kind: List' }] }), root);
    expect(files.get('k8s/adot-metrics.yaml')).toBe('kind: List\n');
    expect(manifest.resources.at(-1)).toMatchObject({ kind: 'k8s-chart', uid: 'adot-metrics', path: 'k8s/adot-metrics.yaml' });

    const failing = env({
      charts: () => {
        throw new DefinitionError([
          {
            file: 'libs/k8s/src/x.ts',
            resource: 'chart adot-metrics',
            field: 'ServiceAccount adot-collector',
            message: 'role ARN is empty',
          },
        ]);
      },
    });
    expect(() => buildEnvironment(failing, root)).toThrow(
      'libs/k8s/src/x.ts: chart adot-metrics ServiceAccount adot-collector: role ARN is empty',
    );
  });
});

describe('buildEnvironment with alerting', () => {
  // A plain alerting definition the build compiles: a Grafana-only rule and a recording rule for the ruler.
  const rules = '/repo/alerts/envoy/src/rules.ts';
  // Any builder of a data source query; the build only calls build().
  const promqlModel = { build: () => ({ refId: 'A', expr: 'up' }) } as unknown as GrafanaAlertData['model'];
  const latencyRule = (over: Partial<AlertRuleDefinition> = {}): AlertRuleDefinition => ({
    name: 'EnvoyDownstreamLatencyHigh',
    uid: 'envoy-downstream-latency-high',
    query: {
      kind: 'grafana',
      describe: 'latency',
      data: [{ refId: 'A', datasource: { type: 'prometheus', uid: 'prometheus' }, model: promqlModel }],
      value: 'A',
    },
    threshold: { op: 'gt', value: 5 },
    for: '1m',
    severity: 'warning',
    summary: 'Latency is high.',
    description: 'Latency is high.',
    runbookUrl: 'https://runbooks.example.com/envoy',
    noDataState: 'OK',
    execErrState: 'Error',
    ...over,
  });
  const alerting = (rule = latencyRule()): AlertingDefinition => ({
    source: '/repo/environments/test/src/environment.ts',
    evaluation: 'prometheus',
    contactPoints: [snsContactPoint({ topicArn: fromEnv('ALERTS_SNS_TOPIC_ARN'), region: 'eu-west-1' })],
    policy: { receiver: 'Amazon SNS' },
    muteTimings: [weekends()],
    alertSets: [
      {
        name: 'envoy',
        source: rules,
        folder: 'top',
        team: 'mesh',
        groups: [
          {
            name: 'envoy-downstream',
            interval: '1m',
            rules: [rule],
            recordingRules: [{ record: 'job:up:sum', expr: 'sum by (job) (up)' }],
          },
        ],
        policy: { team: 'mesh' },
      },
    ],
  });

  it('writes alerting resources in apply order after dashboards, Prometheus rules before charts', () => {
    // when
    const { manifest, files } = buildEnvironment(env({ alerting: alerting(), charts: () => [{ name: 'c', yaml: 'kind: List' }] }), root);

    // then: templates and mute timings before the contact points using them, the policy before the rules routed by it
    expect(manifest.resources.map((r) => `${r.kind}:${r.uid}`).slice(5)).toEqual([
      'alert-template:o11y',
      'mute-timing:weekends',
      'contact-point:sns',
      'notification-policy:policy-tree',
      'alert-rule-group:envoy-downstream',
      'prometheus-rules:envoy-downstream',
      'k8s-chart:c',
    ]);
    expect(manifest.resources.find((r) => r.kind === 'alert-rule-group')).toMatchObject({
      path: 'grafana/alerting/rule-groups/envoy-downstream.json',
      folder: 'top',
      source: 'alerts/envoy/src/rules.ts',
    });
    const compiled = compileAlerting(alerting(), env());
    expect(files.get('rules/envoy-downstream.yaml')).toBe(compiled.prometheusRuleFiles[0]!.yaml);
    expect(files.get('grafana/alerting/policies/policy-tree.json')).toBe(
      canonicalJson(compiled.resources.find((r) => r.kind === 'notification-policy')!.body),
    );
    expect(files.get('grafana/alerting/policies/policy-tree.json')).toContain('"receiver": "Amazon SNS"');
  });

  it('keeps contact-point secrets as references and lists the variables they need', () => {
    const { manifest, files } = buildEnvironment(env({ alerting: alerting() }), root);
    expect(files.get('grafana/alerting/contact-points/sns.json')).toContain('"topic_arn": "${env:ALERTS_SNS_TOPIC_ARN}"');
    expect(manifest.resources.find((r) => r.kind === 'contact-point')).toMatchObject({
      env: ['ALERTS_SNS_TOPIC_ARN'],
      source: 'environments/test/src/environment.ts',
    });
  });

  it('reports alerting problems with the rest, relative to the workspace', () => {
    expect(() => buildEnvironment(env({ alerting: alerting(latencyRule({ for: '1 minute' })) }), root)).toThrow(
      'alerts/envoy/src/rules.ts: alert rule EnvoyDownstreamLatencyHigh for: duration "1 minute" does not parse',
    );
  });
});

describe('writeArtifacts', () => {
  it('replaces the output folder as a whole', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'artifacts-')), 'dist', 'test');
    await writeArtifacts(out, new Map([['old.json', '{}\n']]));
    await writeArtifacts(out, new Map([['grafana/new.json', '{}\n']]));
    expect(readdirSync(out)).toEqual(['grafana']);
    expect(readFileSync(join(out, 'grafana/new.json'), 'utf8')).toBe('{}\n');
    expect(readdirSync(join(out, '..'))).toEqual(['test']);
  });
});
