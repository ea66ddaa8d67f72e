// The package's API: what the CLI's `preview` command and bench/preview-save.ts call; the rest is internal.
export { checkPreview, startPreview, type PreviewOptions, type RunningPreview } from './preview-command.js';
export { startEditLoop, type EditLoop, type EditLoopOptions, type PublishedChange, type SaveResult } from './watch-and-publish.js';
