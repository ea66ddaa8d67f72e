export { MissingToolError, resolveTool, toolsBinDir, type ToolName } from './resolve-tool.js';
export { freeLoopbackPort } from './free-loopback-port.js';
