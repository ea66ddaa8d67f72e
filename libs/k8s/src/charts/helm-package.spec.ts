import { DefinitionError } from '@o11y/environment';
import { describe, expect, it } from 'vitest';
import type { ConfigVariable } from './chart-config.js';
import { helmPackages } from './helm-package.js';

describe('helmPackages', () => {
  it('refuses a chart whose construct reshapes a value, naming the chart', () => {
    // given a construct that upper-cases the region
    const spec: Record<'region', ConfigVariable> = {
      region: { kind: 'region', env: 'AWS_REGION', example: 'us-east-1', description: 'r' },
    };

    // when
    const attempt = () =>
      helmPackages(spec, (v) => [{ name: 'odd', yaml: `region: ${v.region.toUpperCase()}\n` }], {
        version: '0.1.0',
        environment: 'test',
        source: 'test.ts',
      });

    // then
    expect(attempt).toThrow(DefinitionError);
    expect(attempt).toThrow(/test\.ts.*helm chart odd.*cannot become a Helm value/);
  });

  it('writes template actions found in the manifests as literals', () => {
    // when
    const [chart] = helmPackages({}, () => [{ name: 'tpl', yaml: 'data:\n  template: "{{ .Labels.job }}"\n' }], {
      version: '0.1.0',
      environment: 'test',
      source: 'test.ts',
    });

    // then
    expect(chart!.files['templates/tpl.yaml']).toBe('data:\n  template: "{{ "{{" }} .Labels.job }}"\n');
  });
});
