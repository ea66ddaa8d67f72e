import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaDouble, type GrafanaDoubleProcess } from './index.js';
import { FaultPlan } from './faults.js';
import { client } from '../test/client.js';

describe('FaultPlan', () => {
  it('given the same seed, then the same faults; a ratio of 0 gives none', () => {
    const a = new FaultPlan(0.5, 42);
    const b = new FaultPlan(0.5, 42);
    const sequence = (plan: FaultPlan) => Array.from({ length: 50 }, (_, i) => plan.next(i % 2 === 0));
    expect(sequence(a)).toEqual(sequence(b));
    expect(sequence(new FaultPlan(0, 1)).every((fault) => fault === undefined)).toBe(true);
  });
});

describe('fault injection (--faults) in the stand-in process', () => {
  let double: GrafanaDoubleProcess;
  beforeAll(async () => {
    double = await startGrafanaDouble({ faults: 0.5, seed: 7 });
  });
  afterAll(() => double?.stop());

  it('given ratio 0.5, when 200 writes are sent, then about half fail, the log records each kind, and after-commit writes did commit', async () => {
    const api = client(double.url);
    const answers: { uid: string; status: number }[] = [];
    for (let i = 0; i < 200; i++) {
      const uid = `f${i}`;
      try {
        const response = await api.post('/api/folders', { uid, title: `F ${i}` });
        answers.push({ uid, status: response.status });
      } catch {
        answers.push({ uid, status: 0 });
      }
    }
    const log = await double.requests();
    expect(log).toHaveLength(200);
    const faulted = log.filter((entry) => entry.fault);
    expect(faulted.length).toBeGreaterThan(70);
    expect(faulted.length).toBeLessThan(130);
    expect(new Set(faulted.map((entry) => entry.fault))).toEqual(new Set(['429', '502', '503', 'reset', 'after-commit']));
    expect(log.filter((entry) => entry.fault === '429').every((entry) => entry.status === 429)).toBe(true);
    expect(log.filter((entry) => entry.fault === 'reset').every((entry) => entry.status === 0)).toBe(true);
    // the double's write counts agree with what exists now: every after-commit and unfaulted write is stored
    const committed = log.filter((entry) => entry.wrote).length;
    expect(log.filter((entry) => entry.fault === 'after-commit').every((entry) => entry.wrote && entry.status === 502)).toBe(true);
    let stored = 0;
    for (const { uid } of answers) {
      let response;
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          response = await api.get(`/api/folders/${uid}`);
          if (response.status === 200 || response.status === 404) break;
        } catch {
          // reset connection: ask again
        }
      }
      if (response?.status === 200) stored++;
    }
    expect(stored).toBe(committed);
  });

  it('given a 429, then it carries Retry-After', async () => {
    await double.resetRequests();
    const api = client(double.url);
    for (let i = 0; i < 100; i++) {
      let response;
      try {
        response = await api.get('/api/search');
      } catch {
        continue;
      }
      if (response.status === 429) {
        expect(response.headers.get('retry-after')).toBe('1');
        return;
      }
    }
    throw new Error('no 429 in 100 requests at a 0.5 fault ratio');
  });
});
