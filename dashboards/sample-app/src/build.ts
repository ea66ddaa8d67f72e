import { writeDashboardArtifact } from '@o11y/artifacts';
import { sampleAppDashboard } from './dashboard.js';

await writeDashboardArtifact(() => sampleAppDashboard());
