import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface EnvoyStatsServer {
  readonly server: Server;
  /** host:port actually bound. */
  readonly address: string;
  close(): Promise<void>;
}

/** Serves the stats like Envoy's admin interface: /stats/prometheus (and /metrics), /ready answers LIVE. */
export function startEnvoyStatsServer(registry: Registry, host: string, port: number): Promise<EnvoyStatsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/stats/prometheus' || path === '/metrics') {
      registry.metrics().then(
        (body) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(body),
        (e: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(e)),
      );
    } else if (path === '/ready') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('LIVE\n');
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('invalid path: synthetic Envoy stats serve /stats/prometheus and /ready\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const bound = server.address() as AddressInfo;
      resolve({
        server,
        address: `${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
