const WHOLE_REFERENCE = /^\$\{(\w+)(?::\w+)?\}$|^\$(\w+)$|^\[\[(\w+)\]\]$/;

/** The variable a whole string refers to (`$ds`, `${ds}`, `${ds:raw}`, `[[ds]]`), or undefined. */
export function variableReference(value: unknown): string | undefined {
  return typeof value === 'string' ? WHOLE_REFERENCE.exec(value)?.slice(1).find(Boolean) : undefined;
}
