import { writeDashboardArtifact } from '@o11y/artifacts';
import { pipelineDashboard } from './dashboard.js';

await writeDashboardArtifact(() => pipelineDashboard());
