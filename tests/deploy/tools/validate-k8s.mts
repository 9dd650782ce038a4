/**
 * Validates Kubernetes objects against their schemas: built-in kinds with kubernetes-models,
 * Strimzi kinds (kafka.strimzi.io/v1 only: Strimzi 1.x serves no other version) with
 * @kubernetes-models/strimzi-kafka-operator, ServiceMonitor and PrometheusRule with
 * @kubernetes-models/prometheus-operator, MongoDBCommunity with ajv against the operator's CRD.
 * A kind none of these knows is an error, never skipped.
 *
 *   node tests/deploy/tools/validate-k8s.mts --crd <crd.json|yaml>... [objects.json...] < objects.json
 *
 * Objects: JSON arrays, from the files named or else from stdin. Prints a JSON array of
 * `{ kind, name, errors }`, one per object; exits 1 when any has errors.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

interface KubernetesObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown };
}

interface Result {
  kind: string;
  name: string;
  errors: string[];
}

interface Model {
  validate(): void;
}

type ModelClass = new (data: unknown) => Model;

/** The API groups whose kinds the model packages validate, and the package path of each. */
const MODEL_PACKAGES: Readonly<Record<string, (version: string, kind: string) => string | undefined>> = {
  'kafka.strimzi.io': (version, kind) => (version === 'v1' ? `@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1/${kind}` : undefined),
  'monitoring.coreos.com': (version, kind) =>
    version === 'v1' && (kind === 'ServiceMonitor' || kind === 'PrometheusRule')
      ? `@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/${kind}`
      : undefined,
};

/** Built-in API groups: the core group ("v1") and the `*.k8s.io`-less ones kubernetes-models ships. */
const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'autoscaling',
  'batch',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
]);

const { values, positionals } = parseArgs({ allowPositionals: true, options: { crd: { type: 'string', multiple: true, default: [] } } });

const crdValidators = new Map<string, ValidateFunction>();
const ajv = new Ajv({ strict: false, allErrors: true });
for (const file of values.crd) {
  const crd = parse(readFileSync(file, 'utf8')) as {
    spec: { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: Record<string, unknown> } }[] };
  };
  for (const version of crd.spec.versions) {
    crdValidators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(closed(version.schema.openAPIV3Schema)));
  }
}

/**
 * The schema with unknown fields refused, as `kubectl apply` (strict field validation) refuses
 * them: the API server would otherwise drop a misspelt field without a word.
 */
function closed(schema: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...schema };
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  if (properties) {
    copy.properties = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, closed(value)]));
    if (schema.additionalProperties === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true) copy.additionalProperties = false;
  }
  if (schema.items && typeof schema.items === 'object') copy.items = closed(schema.items as Record<string, unknown>);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    copy.additionalProperties = closed(schema.additionalProperties as Record<string, unknown>);
  }
  return copy;
}

async function modelClass(group: string, version: string, kind: string): Promise<ModelClass | undefined> {
  const path = BUILT_IN_GROUPS.has(group) ? `kubernetes-models/${group === '' ? '' : `${group}/`}${version}/${kind}` : MODEL_PACKAGES[group]?.(version, kind);
  if (path === undefined) return undefined;
  try {
    const module = (await import(path)) as Record<string, unknown>;
    return module[kind] as ModelClass | undefined;
  } catch {
    return undefined;
  }
}

async function validate(object: KubernetesObject): Promise<Result> {
  const kind = typeof object.kind === 'string' ? object.kind : '(no kind)';
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '(no name)';
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') return { kind, name, errors: ['apiVersion and kind must be strings'] };
  const [group = '', version = ''] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  const crd = crdValidators.get(`${group}/${version}/${kind}`);
  if (crd) {
    return crd(object)
      ? { kind, name, errors: [] }
      : { kind, name, errors: (crd.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim()) };
  }
  const Model = await modelClass(group, version, kind);
  if (!Model) return { kind, name, errors: [`${object.apiVersion} ${kind} is no kind this validator knows`] };
  try {
    new Model(object).validate();
    return { kind, name, errors: [] };
  } catch (error) {
    const ajvErrors = (error as { errors?: { instancePath?: string; message?: string }[] }).errors;
    return { kind, name, errors: ajvErrors?.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim()) ?? [(error as Error).message] };
  }
}

const inputs = positionals.length > 0 ? positionals.map((file) => readFileSync(file, 'utf8')) : [readFileSync(0, 'utf8')];
const objects = inputs.flatMap((text) => {
  const parsed = JSON.parse(text) as unknown;
  if (!Array.isArray(parsed)) throw new Error('the input must be a JSON array of Kubernetes objects');
  return parsed as KubernetesObject[];
});
const results: Result[] = [];
for (const object of objects) results.push(await validate(object));
console.log(JSON.stringify(results, null, 2));
process.exitCode = results.some((result) => result.errors.length > 0) ? 1 : 0;
