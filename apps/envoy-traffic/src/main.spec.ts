import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('envoy-traffic process', () => {
  it('says it is synthetic, serves growing Envoy stats and exits 0 on SIGTERM', async () => {
    // given
    const app = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'main.ts'), '--listen-address=127.0.0.1:0', '--seed=1'],
      {
        cwd: import.meta.dirname,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        app.stdout!.once('data', (c: Buffer) => resolve(c.toString()));
        app.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(line).toContain('synthetic, preview only');
      const url = `${/listening on (http:\/\/\S+)/.exec(line)![1]!.replace(/:$/, '')}`;
      const requests = async () => {
        const text = await (await fetch(url)).text();
        return [...text.matchAll(/^envoy_http_downstream_rq_total\{[^}]*service="frontend"[^}]*"ingress"\} (\d+)/gm)].reduce(
          (n, m) => n + Number(m[1]),
          0,
        );
      };

      // when
      const before = await requests();
      await new Promise((r) => setTimeout(r, 600));

      // then
      expect(await requests()).toBeGreaterThan(before);
      app.kill('SIGTERM');
      const [code] = await once(app, 'exit');
      expect(code).toBe(0);
    } finally {
      app.kill('SIGKILL');
    }
  }, 15_000);
});
