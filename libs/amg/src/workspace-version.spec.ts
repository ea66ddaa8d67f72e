import { describe, expect, it } from 'vitest';
import { artifactVersionMismatches } from './workspace-version.js';

describe('artifactVersionMismatches', () => {
  it('given the same AMG version or a patch release, when compared, then nothing changes the artifacts', () => {
    expect(artifactVersionMismatches('12.4', '12.4')).toEqual([]);
    expect(artifactVersionMismatches('12.4', '12.4.2')).toEqual([]);
    expect(artifactVersionMismatches('10.4', '11.6')).toEqual([]);
  });

  it('given artifacts for 12.4 and a 10.4 workspace, when compared, then the Amazon Prometheus plugin type is named', () => {
    expect(artifactVersionMismatches('12.4', '10.4')).toEqual([expect.stringContaining('grafana-amazonprometheus-datasource')]);
  });

  it('given artifacts for 10.4 and a 9.4 workspace, when compared, then nested folders are named', () => {
    expect(artifactVersionMismatches('10.4', '9.4')).toEqual([expect.stringContaining('nested folders')]);
  });

  it('given artifacts for 12.4 and a 9.4 workspace, when compared, then both differences are named', () => {
    expect(artifactVersionMismatches('12.4', '9.4')).toHaveLength(2);
  });
});
