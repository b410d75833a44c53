/**
 * From raw model outputs and the target column to a metric suite: the model's classes (its `classes` metadata, else the
 * sorted distinct labels, as scikit-learn orders `classes_`), the truth as class indices, the positive class of a
 * binary task, and predictions — from probabilities (argmax, or the decision threshold for binary), else from the
 * label output. Pure: the ONNX Runtime adapter hands in plain arrays.
 */
import type { EvaluationTask, Scalar } from '../contracts/index.js';
import { BadInputError } from '../errors.js';
import { binarySuite, thresholdPredictions } from './binary-metrics.js';
import type { MetricSuite } from './metric-suite.js';
import { argmaxRows, multiclassSuite } from './multiclass-metrics.js';
import { regressionSuite } from './regression-metrics.js';

/** One model's outputs over every row. */
export interface RawOutputs {
  /** Row-major [rows × width]. */
  probabilities?: Float64Array;
  width?: number;
  /** A positive-class score or a regression value per row. */
  score?: Float64Array;
  labels?: string[];
}

/** The target column interned: distinct values and one id per row. */
export interface TruthColumn {
  values: Scalar[];
  ids: Int32Array;
}

/** How to read a classifier. */
export interface ClassOptions {
  file: string;
  /** The model's `classes` metadata (JSON array), if any. */
  classesMetadata?: string;
  positiveLabel?: string;
  threshold: number;
}

/** Sorted distinct non-missing values as text: numerically when all are numbers (as sklearn sorts `classes_`). */
export function sortedClasses(values: Scalar[]): string[] {
  const present = values.filter((v) => v !== null);
  if (present.every((v) => typeof v === 'number')) return [...new Set(present as number[])].sort((a, b) => a - b).map(String);
  return [...new Set(present.map(String))].sort();
}

/** The model's classes, in output order. */
export function modelClasses(options: ClassOptions, truth: TruthColumn | undefined, outputs: RawOutputs): string[] {
  let classes: string[] | undefined;
  if (options.classesMetadata) {
    try {
      const parsed: unknown = JSON.parse(options.classesMetadata);
      if (Array.isArray(parsed)) classes = parsed.map(String);
    } catch {
      classes = undefined;
    }
    if (!classes) throw new BadInputError('bad-metadata', `${options.file}: metadata classes is not a JSON array`, { location: { file: options.file }, hint: 'write classes as a JSON array such as ["no","yes"]' });
  }
  classes ??= truth ? sortedClasses(truth.values) : outputs.labels ? sortedClasses([...new Set(outputs.labels)]) : Array.from({ length: outputs.width ?? 2 }, (_, i) => String(i));
  if (outputs.width !== undefined && outputs.probabilities && classes.length !== outputs.width) {
    throw new BadInputError('class-count-mismatch', `${options.file}: the model gives ${outputs.width} probabilities per row, but ${options.classesMetadata ? 'its classes metadata names' : 'the target column holds'} ${classes.length} classes: ${classes.join(', ')}`, {
      location: { file: options.file },
      hint: 'store the classes in the model metadata (`classes`, a JSON array in output order), or evaluate on data that holds every class',
    });
  }
  return classes;
}

/** Class index of every row's truth; BadInputError for a missing value or one the model does not know. */
export function truthIndices(truth: TruthColumn, classes: string[], target: string): Int32Array {
  const index = truth.values.map((v) => (v === null ? -2 : classes.indexOf(String(v))));
  const unknown = truth.values.filter((_, i) => index[i] === -1);
  if (unknown.length > 0) {
    throw new BadInputError('unknown-class', `target '${target}' holds ${unknown.slice(0, 5).map((v) => `'${String(v)}'`).join(', ')}, not among the model's classes ${classes.join(', ')}`, {
      hint: 'evaluate on data labelled like the training data, or fix the model metadata classes',
    });
  }
  const out = new Int32Array(truth.ids.length);
  for (let i = 0; i < out.length; i++) {
    const k = index[truth.ids[i]!]!;
    if (k === -2) throw new BadInputError('missing-label', `target '${target}' is missing on row ${i + 1} of the data`, { hint: 'drop unlabelled rows, or pass --no-labels for a prediction profile' });
    out[i] = k;
  }
  return out;
}

/** Predicted class indices from the label output (matched by text, else read as an index). */
function labelIndices(labels: string[], classes: string[], file: string): Int32Array {
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let k = classes.indexOf(labels[i]!);
    if (k < 0 && /^\d+$/.test(labels[i]!) && Number(labels[i]) < classes.length) k = Number(labels[i]);
    if (k < 0) throw new BadInputError('unknown-prediction', `${file}: the model predicts '${labels[i]}', not among its classes ${classes.join(', ')}`, { location: { file } });
    out[i] = k;
  }
  return out;
}

/** The metric suite of one model on the rows, for the task. */
export function buildSuite(task: EvaluationTask, outputs: RawOutputs, truth: TruthColumn, target: string, options: ClassOptions & { classes: string[] }): MetricSuite {
  const { classes, file } = options;
  if (task === 'regression') {
    const predicted = outputs.score ?? (outputs.width === 1 ? outputs.probabilities : undefined);
    if (!predicted) throw new BadInputError('no-value-output', `${file}: no float [N] output to read regression values from`, { location: { file }, hint: 'evaluate it as a classifier (--task binary|multiclass)' });
    return regressionSuite({ truth: numericTruth(truth, target), predicted });
  }
  const truthIndex = truthIndices(truth, classes, target);
  if (task === 'binary-classification') {
    if (classes.length > 2) throw new BadInputError('not-binary', `${file}: --task binary, but the model has ${classes.length} classes: ${classes.join(', ')}`, { location: { file }, hint: 'use --task multiclass or --task auto' });
    const positive = options.positiveLabel !== undefined ? classes.indexOf(options.positiveLabel) : classes.length - 1;
    if (positive < 0) throw new BadInputError('unknown-positive-label', `--positive-label '${options.positiveLabel}' is not one of the model's classes ${classes.join(', ')}`, { hint: `pass one of ${classes.join(', ')}` });
    const truth01 = new Uint8Array(truthIndex.length);
    for (let i = 0; i < truth01.length; i++) truth01[i] = truthIndex[i] === positive ? 1 : 0;
    let score: Float64Array | undefined;
    if (outputs.probabilities && outputs.width !== undefined && outputs.width >= 2) {
      score = new Float64Array(truthIndex.length);
      for (let i = 0; i < score.length; i++) score[i] = outputs.probabilities[i * outputs.width + positive]!;
    } else score = outputs.score ?? outputs.probabilities;
    const predicted = score ? thresholdPredictions(score, options.threshold) : Uint8Array.from(labelIndices(outputs.labels ?? [], classes, file), (k) => (k === positive ? 1 : 0));
    return binarySuite({ truth: truth01, predicted, ...(score ? { score } : {}) });
  }
  const proba = outputs.probabilities;
  const predicted = proba ? argmaxRows(proba, classes.length) : labelIndices(outputs.labels ?? [], classes, file);
  return multiclassSuite({ classes: classes.length, truth: truthIndex, predicted, ...(proba ? { proba } : {}) });
}

function numericTruth(truth: TruthColumn, target: string): Float64Array {
  const values = truth.values.map((v) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN));
  const bad = truth.values.find((_, i) => !Number.isFinite(values[i]!));
  if (bad !== undefined) throw new BadInputError('not-numeric-target', `target '${target}' holds ${bad === null ? 'missing values' : `'${String(bad)}'`}; a regression target must be numeric`, { hint: 'drop such rows, or evaluate as a classifier with --task' });
  return Float64Array.from(truth.ids, (id) => values[id]!);
}
