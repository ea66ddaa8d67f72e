/** Where a problem in a definition is: the file, the resource and, when known, the field or panel. */
export interface ProblemLocation {
  /** Source file, relative to the workspace root. */
  readonly file: string;
  /** Resource, e.g. `dashboard envoy-proxy` or `chart adot-metrics / Deployment adot-collector`. */
  readonly resource: string;
  /** Field, panel or object inside the resource. */
  readonly field?: string;
}

/** One validation problem, printed as a single line. */
export interface Problem extends ProblemLocation {
  readonly message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.resource}${p.field ? ` ${p.field}` : ''}: ${p.message}`;
}

/** Thrown when definitions are invalid; carries every problem found, not only the first. */
export class DefinitionError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'DefinitionError';
  }
}
