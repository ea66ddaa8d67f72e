import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Type errors of a generated project, compiled in memory as if its files were in `projectDir`
 * (so @o11y/* and the SDK resolve from the workspace's node_modules), with the workspace's
 * compiler options. Each error as `src/panels.ts:12: message`.
 */
export function typeErrors(files: ReadonlyMap<string, string>, projectDir: string): string[] {
  const options = compilerOptions(projectDir);
  const inMemory = new Map([...files].filter(([p]) => p.endsWith('.ts')).map(([p, text]) => [resolve(projectDir, p), text]));
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => inMemory.get(resolve(f)) ?? readFile(f);
  host.fileExists = (f) => inMemory.has(resolve(f)) || fileExists(f);
  // The project folder does not exist yet; module resolution skips folders that do not exist.
  const directoryExists = host.directoryExists?.bind(host) ?? (() => true);
  host.directoryExists = (d) => [...inMemory.keys()].some((f) => f.startsWith(`${resolve(d)}/`)) || directoryExists(d);
  host.getSourceFile = (f, v, onError, create) => {
    const text = inMemory.get(resolve(f));
    return text !== undefined ? ts.createSourceFile(f, text, v, true) : getSourceFile(f, v, onError, create);
  };
  const roots = [...inMemory.keys()].filter((f) => !f.endsWith('.spec.ts') && !f.endsWith('vitest.config.ts'));
  const program = ts.createProgram(roots, options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    if (!d.file || d.start === undefined) return message;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const file = d.file.fileName.startsWith(projectDir) ? d.file.fileName.slice(projectDir.length + 1) : d.file.fileName;
    return `${file}:${line + 1}: ${message}`;
  });
}

/** The workspace's tsconfig.base.json options (found upwards from the project), without emitting anything. */
function compilerOptions(projectDir: string): ts.CompilerOptions {
  let dir = projectDir;
  while (!existsSync(join(dir, 'tsconfig.base.json')) && dirname(dir) !== dir) dir = dirname(dir);
  const file = join(dir, 'tsconfig.base.json');
  const raw = existsSync(file) ? (ts.parseConfigFileTextToJson(file, readFileSync(file, 'utf8')).config ?? {}) : {};
  const { options } = ts.convertCompilerOptionsFromJson(raw.compilerOptions ?? {}, dir);
  return {
    ...options,
    noEmit: true,
    composite: false,
    declaration: false,
    declarationMap: false,
    emitDeclarationOnly: false,
    incremental: false,
  };
}
