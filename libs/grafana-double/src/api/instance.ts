import { fail, type Router } from '../http.js';

// The commit each imitated release line reports (the release tags' commits, as wolfi-dev/os records them in expected-commit).
const RELEASE_COMMITS: Record<string, string> = {
  '10.4': '6e6fbf6a3418cc5acdc13a79bc2f440218c22e5f',
  '11.6': 'ae23ead4d959aa73a5a0ffada60e4147d679523c',
  '12.4': 'ebade4c739e1aface4ce094934ad85374887a680',
  '13.0': '3fcdbc5a6e5c955bd42bd3715dd03cbad2b078c1',
};

export function releaseCommit(major: number, minor: number): string {
  return (RELEASE_COMMITS[`${major}.${minor}`] ?? '0000000000').slice(0, 10);
}

/** /api/health, /api/frontend/settings, /api/user, /api/org, /api/plugins. */
export function registerInstanceRoutes(router: Router): void {
  // pkg/api/health.go apiHealthHandler; AMG blocks it with 400 "Not allowed" (aws/amazon-managed-grafana-roadmap#41)
  router.add('GET', '/api/health', 'public', (ctx) => {
    if (ctx.amg) fail(400, 'Not allowed');
    return {
      status: 200,
      body: { commit: releaseCommit(ctx.version.major, ctx.version.minor), database: 'ok', version: ctx.version.version },
    };
  });

  // pkg/api/frontendsettings.go getFrontendSettings: a subset, with buildInfo and the toggles the project reads
  router.add('GET', '/api/frontend/settings', 'signedIn', (ctx) => ({
    status: 200,
    body: {
      appSubUrl: '',
      appUrl: '',
      authProxyEnabled: false,
      anonymousEnabled: false,
      buildInfo: {
        buildstamp: 0,
        commit: releaseCommit(ctx.version.major, ctx.version.minor),
        edition: 'Open Source',
        env: 'production',
        hasUpdate: false,
        hideVersion: false,
        latestVersion: '',
        version: ctx.version.version,
        versionString: `Grafana v${ctx.version.version} (${releaseCommit(ctx.version.major, ctx.version.minor)})`,
      },
      featureToggles: {
        nestedFolders: ctx.version.nestedFolders,
        kubernetesDashboards: ctx.version.apisVersion !== null,
      },
      datasources: {},
      defaultDatasource: '',
      unifiedAlertingEnabled: true,
      grafanaDouble: { standIn: true, amg: ctx.amg },
    },
  }));

  // pkg/api/user.go GetSignedInUser
  router.add('GET', '/api/user', 'signedIn', (ctx) => ({
    status: 200,
    body: {
      id: ctx.identity.id,
      uid: ctx.identity.kind === 'user' ? 'admin-uid' : `sa-${ctx.identity.id}`,
      email: ctx.identity.kind === 'user' ? 'admin@localhost' : ctx.identity.login,
      name: ctx.identity.name,
      login: ctx.identity.login,
      theme: '',
      orgId: 1,
      isGrafanaAdmin: ctx.identity.isGrafanaAdmin,
      isDisabled: false,
      isExternal: false,
      isExternallySynced: false,
      isGrafanaAdminExternallySynced: false,
      authLabels: [],
      updatedAt: '2024-01-01T00:00:00Z',
      createdAt: '2024-01-01T00:00:00Z',
      avatarUrl: '/avatar/46d229b033af06a191ff2267bca9ae56',
    },
  }));

  // pkg/api/org.go GetCurrentOrg
  router.add('GET', '/api/org', 'Viewer', () => ({
    status: 200,
    body: { id: 1, name: 'Main Org.', address: { address1: '', address2: '', city: '', zipCode: '', state: '', country: '' } },
  }));

  // pkg/api/plugins.go GetPluginSettingByID: which plugins this version ships (404 "Plugin not found" otherwise)
  router.add('GET', '/api/plugins/:id/settings', 'Viewer', (ctx) => {
    const id = ctx.params.id!;
    if (!ctx.version.plugins.includes(id)) fail(404, 'Plugin not found');
    return {
      status: 200,
      body: { id, name: id, type: 'datasource', enabled: true, pinned: false, info: { version: ctx.version.version } },
    };
  });
}
