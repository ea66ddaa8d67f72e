import { createRequire } from 'node:module';
import { pointerToPath, type KubeObject } from './manifest.js';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: unknown) => Validatable;

const requireHere = createRequire(import.meta.url);
const NAME = /^[A-Za-z0-9]+$/;
const GROUP = /^[a-z0-9.-]*$/;

/**
 * The kubernetes-models class for a built-in kind, or undefined for custom resources. Each group version is
 * its own module (`kubernetes-models/apps/v1`), required when first asked for: the package's index loads
 * every group, which took more than a second of each build.
 */
export function builtInModel(apiVersion: string, kind: string): ModelClass | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (!GROUP.test(group!) || !NAME.test(version ?? '')) return undefined;
  let mod: Record<string, unknown>;
  try {
    mod = requireHere(`kubernetes-models/${group ? `${group}/` : ''}${version}`) as Record<string, unknown>;
  } catch (e) {
    // A group or version kubernetes-models does not have: not a built-in kind.
    if (['MODULE_NOT_FOUND', 'ERR_PACKAGE_PATH_NOT_EXPORTED'].includes((e as { code?: string }).code ?? '')) return undefined;
    throw e;
  }
  const candidate = mod[kind];
  return typeof candidate === 'function' ? (candidate as ModelClass) : undefined;
}

/** Schema errors of a built-in object as `{ path, message }`, or undefined when kubernetes-models does not know the kind. */
export function validateBuiltIn(object: KubeObject): { path: string; message: string }[] | undefined {
  const Model = builtInModel(object.apiVersion, object.kind);
  if (!Model) return undefined;
  try {
    new Model(object).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: { instancePath?: string; message?: string }[] }).errors;
    if (!errors) return [{ path: '', message: (e as Error).message }];
    // oneOf over int-or-string and quantity formats repeats one mistake three ways; keep distinct lines.
    const seen = new Set<string>();
    return errors
      .map((err) => ({ path: pointerToPath(err.instancePath ?? ''), message: err.message ?? 'is invalid' }))
      .filter((x) => !seen.has(`${x.path}:${x.message}`) && seen.add(`${x.path}:${x.message}`));
  }
}
