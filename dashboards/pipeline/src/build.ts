import { writeDashboardArtifact } from '@o11y/build';
import { pipelineDashboard } from './dashboard.js';

await writeDashboardArtifact(() => pipelineDashboard());
