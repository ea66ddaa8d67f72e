import { call, execute, fnCall, literal, type Call, type Expr } from './code.js';
import { deepEqual, diffPaths, setPath, type Json } from './json.js';
import { RAW, builderMethods, runtime, valueFor } from './sdk.js';

export interface ObjectEmitOptions {
  /** SDK module and builder class whose methods set the members. */
  readonly module: string;
  readonly className: string;
  /** Member -> method where the method is named differently (a datasource variable's `query` is set by `type()`). */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Members the base expression already sets. */
  readonly skip?: readonly string[];
  /** How both sides are compared (Grafana's normalisation of this kind of object). */
  readonly normalize: (v: Json) => Json;
}

/** A builder expression for a plain object (variable, link, annotation), checked in process; unexpressed members kept through withRaw. */
export function emitObject(base: Extract<Expr, { kind: 'fn' | 'new' }>, value: Json, o: ObjectEmitOptions): Expr {
  const methods = builderMethods(o.module, o.className);
  const want = o.normalize(value);
  const baseBuilt = o.normalize(execute(base, runtime).build());
  const covered = new Map<string, Call>();
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || o.skip?.includes(k) || deepEqual(baseBuilt[k], want[k])) continue;
    const method = o.aliases?.[k] ?? k;
    const sig = methods.get(method);
    const arg = sig?.params.length === 1 ? valueFor(sig.params[0]!.type, v) : undefined;
    if (arg) covered.set(k, call(method, arg));
  }
  let expr: Expr = { ...base, calls: [...base.calls, ...covered.values()] };
  for (let attempt = 0; attempt < 3; attempt++) {
    const diffs = diffPaths(want, o.normalize(execute(expr, runtime).build()));
    if (diffs.length === 0) return expr;
    const keys = [...new Set(diffs.map((d) => String(d[0])))];
    const culprits = keys.map((k) => covered.get(k)).filter((c): c is Call => !!c);
    if (culprits.length === 0) {
      const patch: Json = {};
      for (const k of keys) setPath(patch, [k], value[k]);
      const patched = fnCall(RAW, 'withRaw', [expr, literal(patch)]);
      const left = diffPaths(want, o.normalize(execute(patched, runtime).build()));
      if (left.length) throw new Error(`internal: ${o.className} differs at ${left.map((p) => p.join('.')).join(', ')}`);
      return patched;
    }
    for (const k of keys) covered.delete(k);
    expr = { ...base, calls: [...base.calls, ...covered.values()] };
  }
  throw new Error(`internal: ${o.className} could not be reproduced`);
}
