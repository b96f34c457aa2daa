// Validates manifests as the Kubernetes API server would with strict field validation (kubectl's default): the
// API's own OpenAPI definitions (fixtures/batch-v1-job.openapi.yaml) as JSON Schema, every object closed to unknown
// fields, plus the few rules the server checks beyond the schema that the harness's manifests depend on.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'batch-v1-job.openapi.yaml');
const OPENAPI_REF = '#/components/schemas/';

export const KINDS = {
  Job: 'io.k8s.api.batch.v1.Job',
  ConfigMap: 'io.k8s.api.core.v1.ConfigMap',
  PersistentVolumeClaim: 'io.k8s.api.core.v1.PersistentVolumeClaim',
  Pod: 'io.k8s.api.core.v1.Pod',
} as const;
const API_VERSIONS: Record<keyof typeof KINDS, string> = { Job: 'batch/v1', ConfigMap: 'v1', PersistentVolumeClaim: 'v1', Pod: 'v1' };

type Schema = Record<string, unknown>;

// The API server's rules beyond the schema (k8s.io/apimachinery validation), for the fields the manifests set.
const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
const DNS_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const LABEL_NAME = '[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';
const LABEL_KEY = `^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?${LABEL_NAME}$`;
const LABEL_VALUE = `^(${LABEL_NAME})?$`;
/** resource.Quantity's parser (k8s.io/apimachinery/pkg/api/resource), then its suffixes. */
const QUANTITY = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$';

const SERVER_RULES: Record<string, (schema: Schema) => void> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': (s) => {
    const p = s.properties as Record<string, Schema>;
    p.name = { ...p.name, maxLength: 253, pattern: DNS_SUBDOMAIN };
    p.namespace = { ...p.namespace, maxLength: 63, pattern: DNS_LABEL };
    p.labels = {
      ...p.labels,
      propertyNames: { pattern: LABEL_KEY, maxLength: 317 },
      additionalProperties: { type: 'string', maxLength: 63, pattern: LABEL_VALUE },
    };
  },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': (s) => {
    s.oneOf = [
      { type: 'string', pattern: QUANTITY },
      { type: 'number', minimum: 0 },
    ];
  },
  'io.k8s.api.core.v1.Container': (s) => {
    (s.properties as Record<string, Schema>).name = { type: 'string', maxLength: 63, pattern: DNS_LABEL };
  },
  'io.k8s.api.core.v1.Volume': (s) => {
    (s.properties as Record<string, Schema>).name = { type: 'string', maxLength: 63, pattern: DNS_LABEL };
  },
  'io.k8s.api.core.v1.EnvVar': (s) => {
    (s.properties as Record<string, Schema>).name = { type: 'string', pattern: '^[-._a-zA-Z][-._a-zA-Z0-9]*$' };
  },
  'io.k8s.api.core.v1.ConfigMap': (s) => {
    (s.properties as Record<string, Schema>).data = {
      type: 'object',
      propertyNames: { pattern: '^[-._a-zA-Z0-9]+$', maxLength: 253 },
      additionalProperties: { type: 'string' },
    };
  },
};

/** Closed to unknown fields (strict field validation) and the OpenAPI refs made JSON Schema ones. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref') out.$ref = (value as string).replace(OPENAPI_REF, '#/definitions/');
    else if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value as Schema).map(([p, s]) => [p, strict(s)]));
    else out[key] = strict(value);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function definitions(): Record<string, Schema> {
  const openapi = parse(readFileSync(FIXTURE, 'utf8')) as { components: { schemas: Record<string, Schema> } };
  const defs = strict(openapi.components.schemas) as Record<string, Schema>;
  for (const [name, rule] of Object.entries(SERVER_RULES)) rule(defs[name]!);
  return defs;
}

function ajv(): Ajv {
  const validator = new Ajv({ allErrors: true });
  validator.addKeyword({ keyword: 'x-trimmed' });
  validator.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  validator.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  validator.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  validator.addSchema({ $id: 'k8s', definitions: definitions() });
  return validator;
}

export type ManifestValidator = ValidateFunction;

/** A validator per kind: its definition, with apiVersion and kind fixed and metadata.name required, as the server has them. */
export function manifestValidators(): Record<keyof typeof KINDS, ManifestValidator> {
  const validator = ajv();
  const of = (kind: keyof typeof KINDS): ValidateFunction =>
    validator.compile({
      allOf: [
        { $ref: `k8s#/definitions/${KINDS[kind]}` },
        {
          type: 'object',
          required: ['apiVersion', 'kind', 'metadata'],
          properties: { apiVersion: { const: API_VERSIONS[kind] }, kind: { const: kind }, metadata: { type: 'object', required: ['name'] } },
        },
      ],
    });
  return { Job: of('Job'), ConfigMap: of('ConfigMap'), PersistentVolumeClaim: of('PersistentVolumeClaim'), Pod: of('Pod') };
}

export const describeErrors = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? [])
    .map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`)
    .join('; ');
