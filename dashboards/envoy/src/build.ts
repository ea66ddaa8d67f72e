import { writeDashboardArtifact } from '@o11y/build';
import { envoyDashboard } from './dashboard.js';

await writeDashboardArtifact(() => envoyDashboard());
