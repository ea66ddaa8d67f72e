import { writeDashboardArtifact } from '@o11y/artifacts';
import { eksDashboard } from './dashboard.js';

await writeDashboardArtifact(() => eksDashboard());
