import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { splitListenAddress } from './flags.js';

/** A listening sample app: its address and a close that waits for open requests. */
export interface SampleServer {
  readonly server: Server;
  /** host:port actually bound (the real port when 0 was asked). */
  readonly address: string;
  close(timeoutMs?: number): Promise<void>;
}

/**
 * Serves like the Go app's default mux: `/metrics` is the exposition, every other path answers
 * 200 "healthy" (Go's "/" pattern matches everything).
 */
export function startSampleServer(registry: Registry, listenAddress: string): Promise<SampleServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      registry.metrics().then(
        (body) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(body),
        (e: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(e)),
      );
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('healthy');
  });
  const { host, port } = splitListenAddress(listenAddress);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const bound = server.address() as AddressInfo;
      const shownHost = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
      resolve({ server, address: `${shownHost}:${bound.port}`, close: (timeoutMs = 5000) => closeServer(server, timeoutMs) });
    });
  });
}

/** Stops accepting, lets open requests finish, and cuts idle keep-alive connections; forced after the timeout. */
function closeServer(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
