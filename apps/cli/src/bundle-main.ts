import { ARTIFACT_COMMANDS } from './artifact-commands.js';
import { runProgram } from './program.js';

// The entry of the precompiled bundle (dist/bundle/o11y.mjs): plan, publish and pull without tsx.
await runProgram(ARTIFACT_COMMANDS);
