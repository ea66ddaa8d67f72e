import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingRunbooks, repoRunbookUrl, upstreamOrRepoRunbookUrl } from './runbooks.js';
import { rule, set } from '../test/fixtures.js';

const setWith = (...runbookUrls: string[]) =>
  set(
    {},
    runbookUrls.map((runbookUrl, i) => rule({ name: `Rule${i}`, uid: `r${i}`, runbookUrl })),
  );

describe('runbooks', () => {
  it('links mixin alerts to their upstream page and our own alerts to docs/runbooks', () => {
    expect(upstreamOrRepoRunbookUrl('NodeFilesystemAlmostOutOfSpace')).toBe(
      'https://runbooks.prometheus-operator.dev/runbooks/node/nodefilesystemalmostoutofspace',
    );
    expect(upstreamOrRepoRunbookUrl('NodeCPUHighUsage')).toBe(repoRunbookUrl('NodeCPUHighUsage'));
    expect(repoRunbookUrl('ScrapeTargetDown')).toMatch(/\/docs\/runbooks\/ScrapeTargetDown\.md$/);
  });

  it('finds no problem when every runbook is shipped or upstream', () => {
    // given
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-'));
    writeFileSync(join(dir, 'ScrapeTargetDown.md'), '# ScrapeTargetDown\n');
    // when / then
    expect(missingRunbooks([setWith(repoRunbookUrl('ScrapeTargetDown'), upstreamOrRepoRunbookUrl('KubeNodeNotReady'))], dir)).toEqual([]);
  });

  it('names every rule whose runbook page does not exist', () => {
    // given
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-'));
    // when
    const problems = missingRunbooks(
      [setWith(repoRunbookUrl('Unwritten'), 'https://runbooks.example.com/x', repoRunbookUrl('../README'))],
      dir,
    );
    // then
    expect(problems).toEqual([
      expect.stringContaining('rule Rule0: runbook https://'),
      expect.stringContaining('rule Rule1: runbook https://runbooks.example.com/x'),
      expect.stringContaining('rule Rule2'),
    ]);
  });
});
