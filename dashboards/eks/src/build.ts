import { writeDashboardArtifact } from '@o11y/build';
import { eksDashboard } from './dashboard.js';

await writeDashboardArtifact(() => eksDashboard());
