import * as km from 'kubernetes-models';
import { pointerToPath, type KubeObject } from './manifest.js';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: unknown) => Validatable;

/** `rbac.authorization.k8s.io` → `rbacAuthorizationK8sIo`, the key kubernetes-models exports the group under. */
function groupKey(group: string): string {
  return group
    .split('.')
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}

/** The kubernetes-models class for a built-in kind, or undefined for custom resources. */
export function builtInModel(apiVersion: string, kind: string): ModelClass | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const models = km as unknown as Record<string, Record<string, Record<string, unknown>> | undefined>;
  const byVersion = group === '' ? { [version!]: models.v1 as unknown as Record<string, unknown> } : models[groupKey(group!)];
  const candidate = (byVersion?.[version!] as Record<string, unknown> | undefined)?.[kind];
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
