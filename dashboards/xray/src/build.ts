import { writeDashboardArtifact } from '@o11y/build';
import { xrayDashboard } from './dashboard.js';

await writeDashboardArtifact(() => xrayDashboard());
