import type { CommandLoader } from './program.js';

/** Commands that read only built artifacts (dist/<env>) and never TypeScript definitions: the bundle holds these. */
export const ARTIFACT_COMMANDS: Record<string, CommandLoader> = {
  plan: async () => (await import('./commands/plan.js')).planCommand(),
  publish: async () => (await import('./commands/publish.js')).publishCommand(),
  pull: async () => (await import('./commands/pull.js')).pullCommand(),
};
