/**
 * Checks a rendered Alloy configuration without an Alloy binary: every `component.label.export` reference names
 * a component defined at top level, and no component is defined twice.
 */
export function checkAlloyText(text: string): string[] {
  const problems: string[] = [];
  const defined = new Set<string>();
  for (const m of text.matchAll(/^([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+) "([^"]+)" \{/gm)) {
    const id = `${m[1]}.${m[2]}`;
    if (defined.has(id)) problems.push(`component ${id} is defined twice`);
    defined.add(id);
  }
  // Strings and comments cannot hold references; blank them out before scanning for identifiers.
  const code = text.replace(/"(?:[^"\\\n]|\\.)*"/g, '""').replace(/\/\/.*$/gm, '');
  const blockNames = new Set([...text.matchAll(/^\s*([a-z_][a-z0-9_.]*)\s*(?:"[^"]*"\s*)?\{/gm)].map((m) => m[1]!));
  for (const m of code.matchAll(/(?<![\w.])([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*){2,})(?!\s*\()/g)) {
    const token = m[1]!;
    if (blockNames.has(token)) continue;
    const parts = token.split('.');
    // A reference is <component name>.<label>.<export>; the label is the second-to-last part.
    const component = parts.slice(0, -1).join('.');
    if (!defined.has(component)) problems.push(`reference ${token} names ${component}, which is not defined`);
  }
  return [...new Set(problems)];
}

/** Ports of `endpoint = "host:port"` attributes inside the top-level `otelcol.receiver.otlp` blocks. */
export function alloyOtlpPorts(text: string): number[] {
  const ports: number[] = [];
  for (const block of text.matchAll(/^otelcol\.receiver\.otlp "[^"]+" \{\n([\s\S]*?)^\}/gm)) {
    for (const m of block[1]!.matchAll(/endpoint\s*=\s*"[^"]*:(\d+)"/g)) ports.push(Number(m[1]));
  }
  return ports;
}
