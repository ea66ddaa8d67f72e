// Checks a chart version's values.yaml against a vendored value-names file before bumping HELM_CHARTS:
//   helm show values grafana/loki --version 6.47.0 > /tmp/values.yaml
//   npx tsx environments/lgtm/scripts/helm-value-paths.ts /tmp/values.yaml environments/lgtm/helm-values/loki-6.46.0.json
// Prints each vendored path the new values.yaml lacks (commented-out ones must be checked by eye) and exits 1 if any.
import { readFileSync } from 'node:fs';
import { valuePathsOfYaml, type UpstreamValueNames } from '../src/upstream-value-names.js';

const [valuesFile, namesFile] = process.argv.slice(2);
if (!valuesFile || !namesFile) {
  console.error('usage: helm-value-paths.ts <values.yaml> <helm-values/<chart>-<version>.json>');
  process.exit(2);
}
const upstream = new Set(valuePathsOfYaml(readFileSync(valuesFile, 'utf8')));
const names = JSON.parse(readFileSync(namesFile, 'utf8')) as UpstreamValueNames;
const missing = names.paths.filter((p) => !upstream.has(p));
for (const p of missing) console.log(`${valuesFile}: ${names.chart} value ${p} (vendored in ${namesFile}) is not among the defaults`);
for (const p of names.documentedInComments)
  console.log(`${valuesFile}: check by eye that ${p} is still documented (commented out upstream)`);
console.log(`${names.paths.length - missing.length}/${names.paths.length} vendored paths present`);
process.exit(missing.length ? 1 : 0);
