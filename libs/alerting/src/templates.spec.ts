import { describe, expect, it } from 'vitest';
import { compileTemplates } from './templates.js';
import { definition, lines } from '../test/fixtures.js';

describe('compileTemplates', () => {
  it('writes the o11y template by default and says which names it defines', () => {
    // when
    const { resources, problems, defined } = compileTemplates(definition());

    // then
    expect(problems).toEqual([]);
    expect(resources.map((r) => `${r.kind}:${r.uid}`)).toEqual(['alert-template:o11y']);
    expect([...defined]).toEqual(['o11y.title', 'o11y.alert', 'o11y.message']);
  });

  it('reports a template defined twice and one that defines nothing', () => {
    const { problems } = compileTemplates(
      definition({
        templates: [
          { name: 'a', template: '{{ define "a" }}x{{ end }}' },
          { name: 'a', template: 'plain text' },
        ],
      }),
    );
    expect(lines(problems)).toEqual([
      'template a name: defined twice',
      'template a template: defines nothing: use {{ define "name" }}...{{ end }}',
    ]);
  });
});
