export { MissingToolError, resolveTool, toolsBinDir, type ToolName } from './resolve-tool.js';
