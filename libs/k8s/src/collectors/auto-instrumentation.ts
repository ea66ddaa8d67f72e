import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as kplus from '../kplus.js';

/** Languages the OpenTelemetry Operator injects an auto-instrumentation agent for, as used here. */
export type InstrumentedLanguage = 'java' | 'nodejs' | 'python' | 'go';

/** OTLP transport per language, as the LGTM recipe sends it: the port differs (gRPC 4317, HTTP 4318). */
export const INSTRUMENTATION_PROTOCOLS: Readonly<Record<InstrumentedLanguage, 'grpc' | 'http/protobuf'>> = {
  // The Java agent 2.x defaults to http/protobuf; the recipe keeps Java on OTLP/HTTP.
  java: 'http/protobuf',
  // The recipe sends Node.js over OTLP/gRPC.
  nodejs: 'grpc',
  // The operator's Python and Go images export over OTLP/HTTP only.
  python: 'http/protobuf',
  go: 'http/protobuf',
};

export interface AutoInstrumentationProps {
  /** `host:port` of the OTLP/gRPC receiver, e.g. `GrafanaAlloy.otlpGrpcEndpoint`. */
  readonly otlpGrpcEndpoint: string;
  /** `host:port` of the OTLP/HTTP receiver, e.g. `GrafanaAlloy.otlpHttpEndpoint`. */
  readonly otlpHttpEndpoint: string;
  /** Namespace of the Instrumentation resources; pods anywhere reference them as `<namespace>/<language>`. */
  readonly namespace: string;
  /** @default all four */
  readonly languages?: readonly InstrumentedLanguage[];
  /** Head sampling ratio, parent-based. @default 1 */
  readonly samplingRatio?: number;
  /** @default true */
  readonly createNamespace?: boolean;
}

/**
 * One OpenTelemetry Operator `Instrumentation` per language, each exporting to the receiver port of its
 * protocol. Pods opt in with the annotations of `podAnnotations(language)`.
 */
export class AutoInstrumentation extends Construct {
  public readonly namespace: string;
  public readonly resources: ReadonlyMap<InstrumentedLanguage, ApiObject>;

  constructor(scope: Construct, id: string, props: AutoInstrumentationProps) {
    super(scope, id);
    this.namespace = props.namespace;
    if (props.createNamespace ?? true) new kplus.Namespace(this, 'namespace', { metadata: { name: this.namespace } });
    const resources = new Map<InstrumentedLanguage, ApiObject>();
    for (const language of props.languages ?? (Object.keys(INSTRUMENTATION_PROTOCOLS) as InstrumentedLanguage[])) {
      const protocol = INSTRUMENTATION_PROTOCOLS[language];
      const endpoint = protocol === 'grpc' ? props.otlpGrpcEndpoint : props.otlpHttpEndpoint;
      resources.set(
        language,
        new ApiObject(this, language, {
          apiVersion: 'opentelemetry.io/v1alpha1',
          kind: 'Instrumentation',
          metadata: { name: language, namespace: this.namespace, labels: { 'app.kubernetes.io/part-of': 'auto-instrumentation' } },
          spec: {
            exporter: { endpoint: `http://${endpoint}` },
            propagators: ['tracecontext', 'baggage'],
            sampler: { type: 'parentbased_traceidratio', argument: String(props.samplingRatio ?? 1) },
            [language]: { env: [{ name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: protocol }] },
          },
        }),
      );
    }
    this.resources = resources;
  }

  /**
   * The annotations a workload's pod template carries to get the agent injected. Go needs the path of the
   * program to instrument (and runs as a privileged sidecar sharing the process namespace).
   */
  podAnnotations(language: InstrumentedLanguage, goExecutable?: string): Record<string, string> {
    if (!this.resources.has(language)) throw new Error(`AutoInstrumentation ${this.node.path}: no Instrumentation for ${language}`);
    const annotations: Record<string, string> = {
      [`instrumentation.opentelemetry.io/inject-${language}`]: `${this.namespace}/${language}`,
    };
    if (language === 'go') {
      if (!goExecutable) throw new Error(`AutoInstrumentation ${this.node.path}: Go needs the path of the executable to instrument`);
      annotations['instrumentation.opentelemetry.io/otel-go-auto-target-exe'] = goExecutable;
    }
    return annotations;
  }
}
