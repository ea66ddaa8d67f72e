import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { pointerToPath, type KubeObject } from './manifest.js';

/** The CRDs vendored from the Argo CD and OpenTelemetry operator repositories (libs/k8s/crds). */
export const CRD_DIRECTORY = fileURLToPath(new URL('../../crds/', import.meta.url));

interface CrdVersion {
  readonly name: string;
  readonly schema?: { readonly openAPIV3Schema?: object };
}
interface Crd {
  readonly kind: string;
  readonly spec: { readonly group: string; readonly names: { readonly kind: string }; readonly versions: readonly CrdVersion[] };
}

type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats = ((ajvFormats as unknown as { default?: FormatsPlugin }).default ??
  (ajvFormats as unknown as FormatsPlugin)) as FormatsPlugin;

let schemas: Map<string, object> | undefined;
const compiled = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

function loadSchemas(): Map<string, object> {
  if (schemas) return schemas;
  schemas = new Map();
  for (const file of readdirSync(CRD_DIRECTORY)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(CRD_DIRECTORY, file), 'utf8'))) {
      const crd = doc.toJS({ maxAliasCount: -1 }) as Crd | null;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const v of crd.spec.versions) {
        if (v.schema?.openAPIV3Schema) schemas.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, v.schema.openAPIV3Schema);
      }
    }
  }
  return schemas;
}

/** `apiVersion/kind` pairs there is a vendored schema for, e.g. `argoproj.io/v1alpha1/Application`. */
export function knownCustomResources(): string[] {
  return [...loadSchemas().keys()].sort();
}

function validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
  const key = `${apiVersion}/${kind}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const schema = loadSchemas().get(key);
  if (!schema) return undefined;
  if (!ajv) {
    // strict:false: CRD schemas use formats (int32, int64, duration) and x-kubernetes-* keywords JSON Schema lacks.
    ajv = addFormats(new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true }));
    for (const keyword of [
      'x-kubernetes-int-or-string',
      'x-kubernetes-preserve-unknown-fields',
      'x-kubernetes-list-type',
      'x-kubernetes-list-map-keys',
      'x-kubernetes-map-type',
      'x-kubernetes-validations',
      'x-kubernetes-embedded-resource',
    ]) {
      ajv.addKeyword({ keyword, valid: true });
    }
  }
  const fn = ajv.compile(schema);
  compiled.set(key, fn);
  return fn;
}

/** Schema errors of a custom resource, or undefined when no CRD for its kind is vendored. */
export function validateCustomResource(object: KubeObject): { path: string; message: string }[] | undefined {
  const validate = validatorFor(object.apiVersion, object.kind);
  if (!validate) return undefined;
  if (validate(object)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: pointerToPath(e.instancePath),
    message: `${e.message ?? 'is invalid'}${e.keyword === 'enum' ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})` : ''}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})` : ''}`,
  }));
}
