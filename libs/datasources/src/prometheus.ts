import type { DataSourceDefinition, EnvRef } from '@o11y/environment';

export interface PrometheusProps {
  /** @default 'prometheus' */
  readonly uid?: string;
  /** @default 'Prometheus' */
  readonly name?: string;
  readonly url: string | EnvRef;
  /** @default false */
  readonly isDefault?: boolean;
  /** Scrape interval of the server, so Grafana's $__rate_interval spans enough samples. @default '15s' */
  readonly scrapeInterval?: string;
  /** Basic auth; the password comes from an environment variable at publish time. */
  readonly basicAuth?: { readonly user: string; readonly password: EnvRef };
}

/** A self-hosted Prometheus (core `prometheus` plugin). */
export function prometheus(props: PrometheusProps): DataSourceDefinition {
  return {
    uid: props.uid ?? 'prometheus',
    name: props.name ?? 'Prometheus',
    type: 'prometheus',
    access: 'proxy',
    url: props.url,
    isDefault: props.isDefault ?? false,
    ...(props.basicAuth ? { basicAuth: true, basicAuthUser: props.basicAuth.user } : {}),
    jsonData: { httpMethod: 'POST', timeInterval: props.scrapeInterval ?? '15s' },
    ...(props.basicAuth ? { secureJsonData: { basicAuthPassword: props.basicAuth.password } } : {}),
  };
}
