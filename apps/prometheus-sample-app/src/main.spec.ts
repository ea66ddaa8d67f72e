import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const main = join(import.meta.dirname, 'main.ts');
const startApp = (...args: string[]) =>
  spawn(process.execPath, ['--import', 'tsx', main, ...args], { cwd: import.meta.dirname, stdio: ['ignore', 'pipe', 'pipe'] });

/** Resolves with the first stdout line matching `pattern`. */
function waitForLine(child: ReturnType<typeof startApp>, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = pattern.exec(out);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before "${pattern}": ${out}`)));
  });
}

describe('prometheus-sample-app process', () => {
  it('serves the metrics after the first tick and exits 0 on SIGTERM', async () => {
    // given
    const app = startApp('-listen_address=127.0.0.1:0', '-metric_count=10');
    try {
      const [, address] = await waitForLine(app, /listening on http:\/\/(\S+)/);

      // when the first 1 s tick has passed
      await new Promise((r) => setTimeout(r, 1300));
      const text = await (await fetch(`http://${address}/metrics`)).text();

      // then
      expect(text).toContain('test_counter9{datapoint_id="0",foo_0="bar_0"}');
      expect(text).toContain('test_histogram9_bucket{le="0.5"');

      // and SIGTERM shuts it down gracefully
      app.kill('SIGTERM');
      const [code] = await once(app, 'exit');
      expect(code).toBe(0);
    } finally {
      app.kill('SIGKILL');
    }
  }, 15_000);

  it('exits 2 on an unknown flag, naming it', async () => {
    const app = startApp('-normal.mean=0.3');
    let err = '';
    app.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    const [code] = await once(app, 'exit');
    expect(code).toBe(2);
    expect(err).toContain('flag provided but not defined: -normal.mean');
  }, 15_000);
});
