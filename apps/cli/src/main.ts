import { ARTIFACT_COMMANDS } from './artifact-commands.js';
import { runProgram } from './program.js';

// Every command, run from sources through tsx: build, import and preview load TypeScript definitions.
await runProgram({
  build: async () => (await import('./commands/build.js')).buildCommand(),
  import: async () => (await import('./commands/import.js')).importCommand(),
  ...ARTIFACT_COMMANDS,
  preview: async () => (await import('./commands/preview.js')).previewCommand(),
});
