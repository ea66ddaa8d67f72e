import { writeDashboardArtifact } from '@o11y/artifacts';
import { xrayDashboard } from './dashboard.js';

await writeDashboardArtifact(() => xrayDashboard());
