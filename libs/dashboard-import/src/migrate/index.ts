import type { Json } from '../json.js';
import { migrateGraphPanel } from './graph-panel.js';
import { isLegacyHeatmap, migrateLegacyHeatmapPanel } from './legacy-heatmap-panel.js';
import { panelLabel, type PanelConversion } from './panel-conversion.js';
import { migrateSinglestatPanel } from './singlestat-panel.js';
import { ImportError } from './import-error.js';
import { migrateTableOldPanel } from './table-old-panel.js';

export { panelLabel, type PanelConversion } from './panel-conversion.js';
export { migrateGraphPanel } from './graph-panel.js';
export { migrateTableOldPanel } from './table-old-panel.js';
export { migrateSinglestatPanel } from './singlestat-panel.js';
export { migrateLegacyHeatmapPanel, isLegacyHeatmap } from './legacy-heatmap-panel.js';

export { ImportError } from './import-error.js';

/** Old panel types with no migration here, and what to use instead. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  'grafana-worldmap-panel': 'geomap',
  'grafana-piechart-panel': 'piechart',
  'grafana-clock-panel': 'text',
};

/** Converts one panel of an old type to its current type the way Grafana does on load; current panels pass through. */
export function migratePanel(p: Json): { panel: Json; conversion?: PanelConversion } {
  if (p.libraryPanel) {
    throw new ImportError(
      `${panelLabel(p)}: library panel "${p.libraryPanel.name ?? p.libraryPanel.uid}" (uid ${p.libraryPanel.uid}) lives in Grafana, not in this JSON; unlink it in Grafana and export again`,
    );
  }
  switch (p.type) {
    case 'graph':
      return migrateGraphPanel(p);
    case 'table-old':
      return migrateTableOldPanel(p);
    case 'table':
      // Tables saved before Grafana 7 are table-old under the name "table"; Grafana migrates them too.
      return Array.isArray(p.styles) ? migrateTableOldPanel(p) : { panel: p };
    case 'singlestat':
    case 'grafana-singlestat-panel':
      return migrateSinglestatPanel(p);
    case 'heatmap':
      return isLegacyHeatmap(p) ? migrateLegacyHeatmapPanel(p) : { panel: p };
  }
  const replacement = UNSUPPORTED[p.type];
  if (replacement)
    throw new ImportError(
      `${panelLabel(p)}: panel type "${p.type}" has no current equivalent the importer can convert to; rebuild it as a "${replacement}" panel`,
    );
  return { panel: p };
}
