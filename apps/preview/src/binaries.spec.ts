import { describe, expect, it } from 'vitest';
import { locateBinaries, MissingBinariesError, NODE_EXPORTER, PROMETHEUS } from './binaries.js';

describe('locateBinaries', () => {
  it('names the Debian packages to install when the binaries are missing', () => {
    // when
    const attempt = () => locateBinaries([NODE_EXPORTER, PROMETHEUS], '/nonexistent');

    // then
    expect(attempt).toThrow(MissingBinariesError);
    expect(attempt).toThrow(
      /install Debian's `prometheus-node-exporter` and `prometheus` packages \(sudo apt-get install -y prometheus-node-exporter prometheus/,
    );
  });

  it('finds them on PATH', () => {
    const [nodeExporter, prometheus] = locateBinaries([NODE_EXPORTER, PROMETHEUS]);
    expect(nodeExporter).toMatch(/(prometheus-node-exporter|node_exporter)$/);
    expect(prometheus).toMatch(/prometheus$/);
  });
});
