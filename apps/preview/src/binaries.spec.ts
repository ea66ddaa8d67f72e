import { describe, expect, it } from 'vitest';
import { locateBinaries, MissingBinariesError, NODE_EXPORTER, PROMETHEUS } from './binaries.js';

describe('locateBinaries', () => {
  it('names the missing tools and the script that builds them', () => {
    // when
    const attempt = () => locateBinaries([NODE_EXPORTER, PROMETHEUS], '/nonexistent');

    // then
    expect(attempt).toThrow(MissingBinariesError);
    expect(attempt).toThrow('node_exporter and prometheus not found in /nonexistent: run bash scripts/install-tools.sh');
  });

  it('finds the pinned builds in the workspace .tools/bin', () => {
    const [nodeExporter, prometheus] = locateBinaries([NODE_EXPORTER, PROMETHEUS]);
    expect(nodeExporter).toMatch(/\.tools\/bin\/node_exporter$/);
    expect(prometheus).toMatch(/\.tools\/bin\/prometheus$/);
  });
});
