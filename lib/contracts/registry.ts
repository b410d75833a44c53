import { readFileSync } from 'node:fs';
import type { Ajv, ValidateFunction } from 'ajv';
import { createAjv } from '../documents/ajv.js';
import { assetPath } from '../package-root.js';
import type { BundleBody, BundleManifest } from './bundle.js';
import type { DriftBody, DriftReport } from './drift.js';
import { reportKinds, type ReportKind } from './envelope.js';
import type { EvaluationBody, EvaluationReport } from './evaluation.js';
import type { GateBody, GateReport } from './gate.js';
import type { ProfileBody, ProfileReport } from './profile.js';
import type { TrainingBody, TrainingReport } from './training.js';
import type { ValidationBody, ValidationReport } from './validation.js';

/** Kind → body of its current version. */
export interface ReportBodies {
  'mlops/validation': ValidationBody;
  'mlops/profile': ProfileBody;
  'mlops/drift': DriftBody;
  'mlops/evaluation': EvaluationBody;
  'mlops/gate': GateBody;
  'mlops/training': TrainingBody;
  'mlops/bundle': BundleBody;
}

/** Kind → complete report (envelope + body) of its current version. */
export interface Reports {
  'mlops/validation': ValidationReport;
  'mlops/profile': ProfileReport;
  'mlops/drift': DriftReport;
  'mlops/evaluation': EvaluationReport;
  'mlops/gate': GateReport;
  'mlops/training': TrainingReport;
  'mlops/bundle': BundleManifest;
}

/** A report of kind K; without K, the union of every kind (narrow it on `kind`). */
export type Report<K extends ReportKind = ReportKind> = Reports[K];

/** The body (everything but the envelope) of a report of kind K. */
export type ReportBody<K extends ReportKind> = ReportBodies[K];

/**
 * Which versions of a kind this gh-mlops reads, and the schema file of each. `current` is what it writes.
 * When a breaking change adds version 2, version 1 stays listed (readers accept every version they know).
 */
export interface ReportContract {
  kind: ReportKind;
  current: number;
  versions: Readonly<Record<number, string>>;
}

/** The one registry of report contracts. */
export const reportContracts: Readonly<Record<ReportKind, ReportContract>> = {
  'mlops/validation': { kind: 'mlops/validation', current: 1, versions: { 1: 'validation.v1.schema.json' } },
  'mlops/profile': { kind: 'mlops/profile', current: 1, versions: { 1: 'profile.v1.schema.json' } },
  'mlops/drift': { kind: 'mlops/drift', current: 1, versions: { 1: 'drift.v1.schema.json' } },
  'mlops/evaluation': { kind: 'mlops/evaluation', current: 1, versions: { 1: 'evaluation.v1.schema.json' } },
  'mlops/gate': { kind: 'mlops/gate', current: 1, versions: { 1: 'gate.v1.schema.json' } },
  'mlops/training': { kind: 'mlops/training', current: 1, versions: { 1: 'training.v1.schema.json' } },
  'mlops/bundle': { kind: 'mlops/bundle', current: 1, versions: { 1: 'bundle.v1.schema.json' } },
};

/** Schemas other schemas reference; loaded with every kind so `$ref`s across files resolve. */
const sharedSchemaFiles = ['common.v1.schema.json'];

/** True when `value` names a known report kind. */
export function isReportKind(value: unknown): value is ReportKind {
  return typeof value === 'string' && (reportKinds as readonly string[]).includes(value);
}

/** The versions of a kind this gh-mlops reads, ascending. */
export function supportedVersions(kind: ReportKind): number[] {
  return Object.keys(reportContracts[kind].versions)
    .map(Number)
    .sort((a, b) => a - b);
}

/** Absolute path of the shipped JSON Schema of one kind and version. */
export function reportSchemaPath(kind: ReportKind, version: number): string {
  const file = reportContracts[kind].versions[version];
  if (!file) throw new Error(`no schema for ${kind} v${version}`);
  return assetPath('lib', 'contracts', 'schemas', file);
}

/** The parsed JSON Schema of one kind and version. */
export function reportSchema(kind: ReportKind, version: number): Record<string, unknown> {
  return JSON.parse(readFileSync(reportSchemaPath(kind, version), 'utf8')) as Record<string, unknown>;
}

// Compiling is the slow part and the schemas never change while the process runs, so one Ajv holding every contract
// schema is built on first use and kept; ajv itself caches each compiled validator by $id.
let shared: Ajv | undefined;

function contractsAjv(): Ajv {
  if (shared) return shared;
  const ajv = createAjv();
  const files = new Set(sharedSchemaFiles);
  for (const contract of Object.values(reportContracts)) for (const file of Object.values(contract.versions)) files.add(file);
  for (const file of files) {
    ajv.addSchema(JSON.parse(readFileSync(assetPath('lib', 'contracts', 'schemas', file), 'utf8')) as object);
  }
  return (shared = ajv);
}

/** The compiled validator of one kind and version (compiled on first use, then cached). */
export function reportValidator(kind: ReportKind, version: number): ValidateFunction {
  const file = reportContracts[kind].versions[version];
  if (!file) throw new Error(`no schema for ${kind} v${version}`);
  const validate = contractsAjv().getSchema(`gh-mlops://contracts/${file}`);
  if (!validate) throw new Error(`schema ${file} did not load`);
  return validate;
}
