import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertSet } from '@o11y/environment';

/**
 * Where this repository's docs/runbooks folder is browsable; each runbook we ship is `<base>/<AlertName>.md`.
 * One place to change when the repository moves.
 */
export const RUNBOOK_BASE_URL = 'https://github.com/o11y-as-code/o11y/blob/main/docs/runbooks';

/** The runbook template the areas default to: our own runbook of the alert, docs/runbooks/<AlertName>.md. */
export const repoRunbookUrl = (alertname: string): string => `${RUNBOOK_BASE_URL}/${alertname}.md`;

/**
 * kubernetes-mixin and node-mixin alerts of ours whose page exists on runbooks.prometheus-operator.dev
 * (content/runbooks/<group>/<Alert>.md in prometheus-operator/runbooks), by group.
 */
export const PROMETHEUS_OPERATOR_RUNBOOKS: Readonly<Record<string, 'kubernetes' | 'node'>> = {
  KubeNodeNotReady: 'kubernetes',
  KubePodCrashLooping: 'kubernetes',
  KubePodNotReady: 'kubernetes',
  NodeFilesystemAlmostOutOfSpace: 'node',
};

/** The upstream page where one exists (mixin alerts), else our own runbook. */
export function upstreamOrRepoRunbookUrl(alertname: string): string {
  const group = PROMETHEUS_OPERATOR_RUNBOOKS[alertname];
  return group ? `https://runbooks.prometheus-operator.dev/runbooks/${group}/${alertname.toLowerCase()}` : repoRunbookUrl(alertname);
}

/**
 * One line per alert whose runbook URL points at no page we know exists: neither a file in `runbooksDir`
 * (docs/runbooks) under RUNBOOK_BASE_URL nor an upstream page listed in PROMETHEUS_OPERATOR_RUNBOOKS.
 */
export function missingRunbooks(alertSets: readonly AlertSet[], runbooksDir: string): string[] {
  const upstream = new Set(Object.keys(PROMETHEUS_OPERATOR_RUNBOOKS).map(upstreamOrRepoRunbookUrl));
  const missing: string[] = [];
  for (const set of alertSets)
    for (const group of set.groups)
      for (const rule of group.rules) {
        const url = rule.runbookUrl;
        if (upstream.has(url)) continue;
        const file = url.startsWith(`${RUNBOOK_BASE_URL}/`) ? url.slice(RUNBOOK_BASE_URL.length + 1) : undefined;
        if (file && !file.includes('/') && existsSync(join(runbooksDir, file))) continue;
        missing.push(`alert set ${set.name} rule ${rule.name}: runbook ${url} is neither in docs/runbooks nor a known upstream page`);
      }
  return missing;
}
