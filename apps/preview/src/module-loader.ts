import { createServer, createServerModuleRunner, type ViteDevServer } from 'vite';
import type { ModuleRunner } from 'vite/module-runner';

/** Loads TypeScript sources in this process and reloads only the modules a change touches (and their importers). */
export interface ModuleLoader {
  load<T = Record<string, unknown>>(file: string): Promise<T>;
  /** Forgets the modules of these files and everything importing them; returns how many were forgotten. */
  invalidate(files: readonly string[]): number;
  /** Source files loaded so far (outside node_modules): what to watch. */
  sourceFiles(): string[];
  close(): Promise<void>;
}

/** Vite's module runner: transforms TS once per file and keeps a module graph, so a save re-runs a handful of modules. */
export async function createModuleLoader(root: string): Promise<ModuleLoader> {
  const server: ViteDevServer = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  const runner: ModuleRunner = createServerModuleRunner(server.environments.ssr, { hmr: false });
  return {
    load: <T>(file: string) => runner.import(file) as Promise<T>,
    invalidate(files) {
      const seen = new Set<string>();
      const stack = files.flatMap((f) => [...(runner.evaluatedModules.getModulesByFile(f) ?? [])]);
      while (stack.length) {
        const node = stack.pop()!;
        if (seen.has(node.id)) continue;
        seen.add(node.id);
        runner.evaluatedModules.invalidateModule(node);
        for (const importer of node.importers) {
          const m = runner.evaluatedModules.getModuleById(importer);
          if (m) stack.push(m);
        }
      }
      for (const f of files)
        for (const m of server.environments.ssr.moduleGraph.getModulesByFile(f) ?? [])
          server.environments.ssr.moduleGraph.invalidateModule(m);
      return seen.size;
    },
    sourceFiles() {
      const files = new Set<string>();
      for (const m of runner.evaluatedModules.idToModuleMap.values())
        if (m.file && !m.file.includes('/node_modules/') && /\.(ts|json)$/.test(m.file)) files.add(m.file);
      return [...files];
    },
    close: async () => {
      await runner.close();
      await server.close();
    },
  };
}
