import type { FolderDefinition } from './environment.js';

/** The standard layout: one parent folder, one child per area, so teams find dashboards by what they watch. */
export function observabilityFolders(parentTitle = 'Observability'): FolderDefinition[] {
  return [
    { uid: 'o11y', title: parentTitle },
    { uid: 'o11y-service-mesh', title: 'Service mesh', parent: 'o11y' },
    { uid: 'o11y-kubernetes', title: 'Kubernetes', parent: 'o11y' },
    { uid: 'o11y-applications', title: 'Applications', parent: 'o11y' },
    { uid: 'o11y-tracing', title: 'Tracing', parent: 'o11y' },
  ];
}
