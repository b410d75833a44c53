import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { compileSchema } from '../documents/ajv.js';
import { assetPath } from '../package-root.js';

/** Folder of the shipped policy tiers and their schema. */
export function shippedPolicyDir(): string {
  return assetPath('policies');
}

/** The parsed policy JSON Schema, policies/policy.schema.json. */
export function policySchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(assetPath('policies', 'policy.schema.json'), 'utf8')) as Record<string, unknown>;
}

// Compiled on first use, then kept: the schema never changes while the process runs.
let compiled: ValidateFunction | undefined;

/** The compiled policy validator (every key optional: it checks each layer, overrides included). */
export function policyValidator(): ValidateFunction {
  return (compiled ??= compileSchema(policySchema()));
}
