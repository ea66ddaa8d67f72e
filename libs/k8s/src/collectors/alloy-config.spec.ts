import { describe, expect, it } from 'vitest';
import { checkAlloyBlocks, concat, envVar, ref, renderAlloyConfig, type AlloyBlock } from './alloy-config.js';
import { checkAlloyText } from '../validation/alloy-references.js';

describe('renderAlloyConfig', () => {
  it('renders blocks, attributes, nested blocks, objects and references', () => {
    // given
    const write: AlloyBlock = {
      name: 'prometheus.remote_write',
      label: 'default',
      blocks: [{ name: 'endpoint', attributes: { url: 'http://m/api/v1/push', headers: { 'X-Scope-OrgID': 'a' } } }],
    };
    const scrape: AlloyBlock = {
      name: 'prometheus.scrape',
      label: 'x',
      attributes: { targets: [{ __address__: 'a:1' }], forward_to: [ref(write, 'receiver')], field: concat('n=', envVar('NODE')) },
    };
    // when
    const text = renderAlloyConfig([write, scrape]);
    // then
    expect(text).toBe(
      [
        'prometheus.remote_write "default" {',
        '  endpoint {',
        '    url     = "http://m/api/v1/push"',
        '    headers = {',
        '      "X-Scope-OrgID" = "a",',
        '    }',
        '  }',
        '}',
        '',
        'prometheus.scrape "x" {',
        '  targets    = [{',
        '    "__address__" = "a:1",',
        '  }]',
        '  forward_to = [prometheus.remote_write.default.receiver]',
        '  field      = "n=" + sys.env("NODE")',
        '}',
        '',
      ].join('\n'),
    );
    expect(checkAlloyText(text)).toEqual([]);
  });

  it('refuses a reference to a component that is not defined', () => {
    // given
    const missing: AlloyBlock = { name: 'loki.write', label: 'default' };
    const source: AlloyBlock = { name: 'loki.source.file', label: 'logs', attributes: { forward_to: [ref(missing, 'receiver')] } };
    // when / then
    expect(checkAlloyBlocks([source])).toEqual(['loki.source.file.logs refers to loki.write.default, which is not defined']);
    expect(() => renderAlloyConfig([source])).toThrow(/not defined/);
  });

  it('finds dangling references in rendered text too', () => {
    // given
    const text = 'prometheus.scrape "x" {\n  forward_to = [prometheus.remote_write.missing.receiver]\n}\n';
    // when / then
    expect(checkAlloyText(text)).toEqual([
      'reference prometheus.remote_write.missing.receiver names prometheus.remote_write.missing, which is not defined',
    ]);
  });
});
