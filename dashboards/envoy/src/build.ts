import { writeDashboardArtifact } from '@o11y/artifacts';
import { envoyDashboard } from './dashboard.js';

await writeDashboardArtifact(() => envoyDashboard());
