/**
 * Reads the Alloy configuration the charts render (libs/k8s alloy-config.ts): blocks, string/number/bool/list/map
 * attributes, and expressions kept as text (component references, `sys.env(...)`, concatenations).
 */
export interface ParsedAlloyBlock {
  readonly name: string;
  readonly label?: string;
  readonly attributes: Record<string, unknown>;
  readonly blocks: ParsedAlloyBlock[];
}

/** An attribute whose value is an expression, e.g. `discovery.relabel.pods.output`. */
export class AlloyExpressionText {
  constructor(readonly text: string) {}
}

type Token = { kind: 'ident' | 'string' | 'number' | 'punct'; text: string; value?: unknown };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) i++;
    else if (ch === '/' && src[i + 1] === '/') while (i < src.length && src[i] !== '\n') i++;
    else if (ch === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      const text = src.slice(i, j + 1);
      out.push({ kind: 'string', text, value: JSON.parse(text) });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i))!;
      out.push({ kind: 'ident', text: m[0] });
      i += m[0].length;
    } else if (/[0-9-]/.test(ch)) {
      const m = /^-?[0-9][0-9.eE+-]*/.exec(src.slice(i))!;
      out.push({ kind: 'number', text: m[0], value: Number(m[0]) });
      i += m[0].length;
    } else {
      out.push({ kind: 'punct', text: ch });
      i++;
    }
  }
  return out;
}

/** Parses an Alloy file into its top-level blocks; throws on text it cannot read. */
export function parseAlloy(src: string): ParsedAlloyBlock[] {
  const t = tokenize(src);
  let p = 0;
  const peek = (o = 0) => t[p + o];
  const expect = (text: string) => {
    if (peek()?.text !== text) throw new Error(`Alloy: expected "${text}" near token ${p} (${peek()?.text ?? 'end'})`);
    p++;
  };
  const value = (): unknown => {
    const start = p;
    const single = (): unknown => {
      const tok = t[p++];
      if (!tok) throw new Error('Alloy: unexpected end of file');
      if (tok.kind === 'string' || tok.kind === 'number') return tok.value;
      if (tok.kind === 'ident' && (tok.text === 'true' || tok.text === 'false')) return tok.text === 'true';
      if (tok.text === '[') {
        const list: unknown[] = [];
        while (peek()?.text !== ']') {
          list.push(value());
          if (peek()?.text === ',') p++;
        }
        p++;
        return list;
      }
      if (tok.text === '{') {
        const map: Record<string, unknown> = {};
        while (peek()?.text !== '}') {
          const key = t[p++]!;
          expect('=');
          map[key.kind === 'string' ? String(key.value) : key.text] = value();
          if (peek()?.text === ',') p++;
        }
        p++;
        return map;
      }
      if (tok.kind === 'ident') {
        if (peek()?.text === '(') {
          let depth = 0;
          do {
            if (peek()?.text === '(') depth++;
            if (peek()?.text === ')') depth--;
            p++;
          } while (depth > 0 && p < t.length);
        }
        return new AlloyExpressionText(tok.text);
      }
      throw new Error(`Alloy: unexpected "${tok.text}"`);
    };
    let v = single();
    // `a + b`: a computed value, kept as an expression.
    while (peek()?.text === '+') {
      p++;
      single();
      v = new AlloyExpressionText(
        t
          .slice(start, p)
          .map((x) => x.text)
          .join(' '),
      );
    }
    return v;
  };
  const body = (): { attributes: Record<string, unknown>; blocks: ParsedAlloyBlock[] } => {
    const attributes: Record<string, unknown> = {};
    const blocks: ParsedAlloyBlock[] = [];
    while (p < t.length && peek()!.text !== '}') {
      const name = t[p++]!;
      if (peek()?.text === '=') {
        p++;
        attributes[name.text] = value();
      } else {
        let label: string | undefined;
        if (peek()?.kind === 'string') label = String(t[p++]!.value);
        expect('{');
        const inner = body();
        expect('}');
        blocks.push({ name: name.text, label, ...inner });
      }
    }
    return { attributes, blocks };
  };
  const top = body();
  if (p < t.length) throw new Error(`Alloy: unexpected "${peek()!.text}"`);
  return top.blocks;
}
