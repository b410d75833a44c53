import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { compileSchema } from '../documents/ajv.js';
import { assetPath } from '../package-root.js';

/** Absolute path of the shipped config schema, schema/mlops.schema.json. */
export function configSchemaPath(): string {
  return assetPath('schema', 'mlops.schema.json');
}

/** The parsed config JSON Schema. */
export function configSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(configSchemaPath(), 'utf8')) as Record<string, unknown>;
}

// Compiling is the slow part and the schema never changes while the process runs: compiled on first use, then kept.
let compiled: ValidateFunction | undefined;

/** The compiled config validator. */
export function configValidator(): ValidateFunction {
  return (compiled ??= compileSchema(configSchema()));
}
