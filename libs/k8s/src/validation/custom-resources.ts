import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _, Ajv, type ValidateFunction } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import * as ajvStandalone from 'ajv/dist/standalone/index.js';
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

type StandaloneCode = (ajv: Ajv, validate: ValidateFunction) => string;
const standaloneCode = ((ajvStandalone as unknown as { default?: StandaloneCode }).default ??
  (ajvStandalone as unknown as StandaloneCode)) as StandaloneCode;

/**
 * Parsed schemas and compiled validators, kept between builds: parsing the vendored CRDs and compiling
 * their schemas took most of an environment build's second. Keyed by content, so an edit is never stale.
 */
const requireHere = createRequire(import.meta.url);
/** In node_modules/.cache, where the saved validators' own require('ajv/...') resolves. */
const CACHE_DIRECTORY = join(dirname(dirname(requireHere.resolve('ajv/package.json'))), '.cache', 'o11y-crd-validators');
const AJV_VERSION = (requireHere('ajv/package.json') as { version: string }).version;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Writes a cache file whole or not at all (parallel builds may write the same one). */
function writeCacheFile(name: string, text: string): void {
  mkdirSync(CACHE_DIRECTORY, { recursive: true });
  const partial = join(CACHE_DIRECTORY, `${name}.${process.pid}.partial`);
  writeFileSync(partial, text);
  renameSync(partial, join(CACHE_DIRECTORY, name));
}

// strict:false: CRD schemas use formats (int32, int64, duration) and x-kubernetes-* keywords JSON Schema lacks.
const AJV_OPTIONS = { strict: false, allErrors: true, logger: false, validateFormats: true } as const;
const IGNORED_KEYWORDS = [
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
  'x-kubernetes-embedded-resource',
];
/** What a saved validator was compiled with besides its schema: another version or setting compiles anew. */
const COMPILER_KEY = JSON.stringify([AJV_VERSION, AJV_OPTIONS, IGNORED_KEYWORDS]);

let schemas: Map<string, object> | undefined;
const compiled = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

function loadSchemas(): Map<string, object> {
  if (schemas) return schemas;
  schemas = new Map();
  for (const file of readdirSync(CRD_DIRECTORY)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const text = readFileSync(join(CRD_DIRECTORY, file), 'utf8');
    const cacheFile = `${sha256(text)}.schemas.json`;
    let entries: [string, object][];
    if (existsSync(join(CACHE_DIRECTORY, cacheFile))) entries = JSON.parse(readFileSync(join(CACHE_DIRECTORY, cacheFile), 'utf8'));
    else writeCacheFile(cacheFile, JSON.stringify((entries = parseCrdSchemas(text))));
    for (const [key, schema] of entries) schemas.set(key, schema);
  }
  return schemas;
}

function parseCrdSchemas(text: string): [string, object][] {
  const entries: [string, object][] = [];
  for (const doc of parseAllDocuments(text)) {
    const crd = doc.toJS({ maxAliasCount: -1 }) as Crd | null;
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    for (const v of crd.spec.versions) {
      if (v.schema?.openAPIV3Schema) entries.push([`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, v.schema.openAPIV3Schema]);
    }
  }
  return entries;
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
  const file = `${sha256(`${COMPILER_KEY}\n${JSON.stringify(schema)}`)}.validator.cjs`;
  if (existsSync(join(CACHE_DIRECTORY, file))) {
    const fn = requireHere(join(CACHE_DIRECTORY, file)) as ValidateFunction;
    compiled.set(key, fn);
    return fn;
  }
  if (!ajv) {
    // code.source: the compiled validator can be saved as a module; its formats come from ajv-formats when it loads.
    ajv = addFormats(new Ajv({ ...AJV_OPTIONS, code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } }));
    for (const keyword of IGNORED_KEYWORDS) ajv.addKeyword({ keyword, valid: true });
  }
  const fn = ajv.compile(schema);
  compiled.set(key, fn);
  writeCacheFile(file, standaloneCode(ajv, fn));
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
