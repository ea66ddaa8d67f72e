import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GrafanaClient } from './grafana-client.js';

let server: Server | undefined;

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const clientFor = (url: string, timeoutMs = 2000) =>
  new GrafanaClient({ url, auth: { kind: 'none' }, errorPrefix: 'test', minBackoffMs: 5, retries: 3, timeoutMs });

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('GrafanaClient retries', () => {
  it('given a connection reset on the first request, when reading, then it retries and returns the answer', async () => {
    // given
    let requests = 0;
    const url = await serve((req, res) => {
      if (++requests === 1) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });

    // when
    const client = clientFor(url);
    const answer = await client.get<{ ok: boolean }>('/api/health');
    await client.close();

    // then
    expect(answer).toEqual({ ok: true });
    expect(requests).toBe(2);
  });

  it('given a server that does not answer in time, then it retries and then names the timeout in one line', async () => {
    // given
    let requests = 0;
    const url = await serve(() => requests++);

    // when
    const client = clientFor(url, 200);
    const error = await client.get('/api/health', { what: 'version check' }).catch((e: Error) => e);
    await client.close();

    // then
    expect((error as Error).message).toMatch(/^test version check: 127\.0\.0\.1:\d+ did not answer in time \(after 200 ms, ETIMEDOUT\)$/);
    expect(requests).toBe(4);
  });

  it('given a 400, then it is not retried', async () => {
    // given
    let requests = 0;
    const url = await serve((_req, res) => {
      requests++;
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"bad request"}');
    });

    // when
    const client = clientFor(url);
    const error = await client.get('/api/health').catch((e: Error) => e);
    await client.close();

    // then
    expect((error as Error).message).toBe('test: GET /api/health: 400 bad request');
    expect(requests).toBe(1);
  });
});
