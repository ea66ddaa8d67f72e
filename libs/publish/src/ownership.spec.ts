import { describe, expect, it } from 'vitest';
import { embeddedMark, embedMark, markAnnotations, markFromAnnotations, parseLedger, renderLedger } from './ownership.js';

const mark = { environment: 'local', checksum: 'sha256:abc', source: 'dist/local/grafana/dashboards/x.json' };

describe('ownership marks', () => {
  it('round-trips through Grafana manager annotations', () => {
    // when
    const annotations = markAnnotations(mark);

    // then
    expect(annotations['grafana.app/managedBy']).toBe('kubectl');
    expect(annotations['grafana.app/managerId']).toBe('o11y-local');
    expect(markFromAnnotations(annotations)).toEqual({ mark });
  });

  it('tells another manager apart from no manager', () => {
    expect(markFromAnnotations({ 'grafana.app/managedBy': 'repo', 'grafana.app/managerId': 'git-sync' })).toEqual({
      foreign: 'repo:git-sync',
    });
    expect(markFromAnnotations({ 'grafana.app/managedBy': 'kubectl', 'grafana.app/managerId': 'gcx' })).toEqual({ foreign: 'kubectl:gcx' });
    expect(markFromAnnotations({})).toEqual({});
  });

  it('round-trips embedded in JSON', () => {
    expect(embeddedMark({ o11y: embedMark(mark) })).toEqual(mark);
    expect(embeddedMark({ o11y: { managedBy: 'someone' } })).toBeUndefined();
  });

  it('round-trips the ledger template', () => {
    // given
    const ledger = {
      'mute-timing/weekends': { environment: 'local', checksum: 'sha256:1' },
      'alert-rule-group/g': { environment: 'local', checksum: 'sha256:2', folder: 'f' },
    };

    // when
    const text = renderLedger('local', ledger);

    // then
    expect(text.startsWith('{{/*')).toBe(true);
    expect(text.endsWith('*/}}')).toBe(true);
    expect(parseLedger(text)).toEqual(ledger);
    expect(parseLedger('{{ define "x" }}{{ end }}')).toEqual({});
  });
});
