// Validates manifests as the Kubernetes API server would with strict field validation (kubectl's default): the
// CRD's openAPIV3Schema as JSON Schema, every object that lists its properties closed to unknown fields unless it
// says x-kubernetes-preserve-unknown-fields; and a ConfigMap by the core API's rules the harness relies on.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'k6-operator-testrun-crd.yaml');
const ANNOTATIONS = ['x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string', 'x-kubernetes-list-type', 'x-kubernetes-map-type', 'x-kubernetes-list-map-keys'];
/** A DNS-1123 subdomain: the names of ConfigMaps and custom resources. */
const DNS_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';

type Schema = Record<string, unknown>;

function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Schema = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'properties' ? Object.fromEntries(Object.entries(value as Schema).map(([p, s]) => [p, strict(s)])) : strict(value)]));
  if (out.properties && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) out.additionalProperties = false;
  return out;
}

function ajv(): Ajv {
  const validator = new Ajv({ allErrors: true });
  for (const keyword of ANNOTATIONS) validator.addKeyword({ keyword });
  validator.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  validator.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  return validator;
}

export function testRunValidator(): ValidateFunction {
  const crd = parse(readFileSync(FIXTURE, 'utf8')) as { spec: { versions: { name: string; schema: { openAPIV3Schema: Schema } }[] } };
  const version = crd.spec.versions.find((v) => v.name === 'v1alpha1');
  if (!version) throw new Error(`${FIXTURE}: no v1alpha1 version`);
  const schema = strict(version.schema.openAPIV3Schema) as Schema;
  // The API server checks every object's metadata.name; the CRD leaves metadata to it.
  (schema.properties as Schema).metadata = { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 253, pattern: DNS_SUBDOMAIN } } };
  return ajv().compile(schema);
}

export function configMapValidator(): ValidateFunction {
  return ajv().compile({
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'data'],
    additionalProperties: false,
    properties: {
      apiVersion: { const: 'v1' },
      kind: { const: 'ConfigMap' },
      metadata: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string', maxLength: 253, pattern: DNS_SUBDOMAIN }, namespace: { type: 'string' }, labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 63 } } },
      },
      data: { type: 'object', propertyNames: { pattern: '^[-._a-zA-Z0-9]+$', maxLength: 253 }, additionalProperties: { type: 'string' } },
    },
  });
}
