import { writeDashboardArtifact } from '@o11y/build';
import { sampleAppDashboard } from './dashboard.js';

await writeDashboardArtifact(() => sampleAppDashboard());
