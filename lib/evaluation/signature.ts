/**
 * Reads an ONNX model's signature into a plan: which data columns feed which input (and in which element type), which
 * output carries probabilities, labels, scores or regression values, and the task when asked to detect it. Pure: the
 * ONNX Runtime adapter (cli/evaluation) supplies the signature and follows the plan. Mismatches are BadInputErrors that
 * list both sides, so a reader sees at once what the model wants and what the data has.
 */
import type { EvaluationTask, TensorInfo } from '../contracts/index.js';
import { BadInputError } from '../errors.js';

/** Element types we feed. */
export type InputElement = 'float32' | 'float64' | 'int64';

/** One model input and the data columns that fill it. */
export interface InputFeed {
  name: string;
  element: InputElement;
  /** Columns in the order of the input's last dimension (one column for a per-column input). */
  columns: string[];
  /** Rank of the input: 2 → [N, F]; 1 → [N] (per-column inputs only). */
  rank: 1 | 2;
}

/** Which outputs to read, by role. */
export interface OutputPlan {
  /** Float tensor [N, C]. */
  probabilities?: string;
  /** Label tensor [N] (int64 or string). */
  label?: string;
  /** Float tensor [N] or [N, 1]: a positive-class score or a regression value. */
  score?: string;
  /** Classes the probabilities' width says (undefined when symbolic). */
  width?: number;
}

const elements: Record<string, InputElement> = { 'tensor(float)': 'float32', 'tensor(double)': 'float64', 'tensor(int64)': 'int64' };
const list = (names: string[]) => (names.length === 0 ? '(none)' : names.join(', '));

/** Where the feature list came from, for messages. */
export type FeatureSource = '--features' | 'the model metadata feature_names' | 'the data columns other than the target';

/**
 * Plans the inputs: one 2-D input gets `features` (from --features, the model's feature_names, or every non-target
 * column in file order); several inputs (or one named like a column) take one column each, by name.
 */
export function planInputs(model: { file: string; inputs: TensorInfo[]; metadata: Record<string, string> }, columns: string[], target: string | undefined, features?: string[]): InputFeed[] {
  const at = { location: { file: model.file } };
  for (const input of model.inputs) {
    if (!elements[input.type]) {
      throw new BadInputError('unsupported-input', `${model.file}: input '${input.name}' is ${input.type}; gh-mlops feeds float, double and int64 tensors`, {
        ...at,
        hint: 'export the model with numeric inputs (encode categories inside the data, or in the graph after a numeric input)',
      });
    }
  }
  const single = model.inputs.length === 1 ? model.inputs[0]! : undefined;
  // One input named like a column with one value per row is a per-column model too (a one-feature model).
  const columnShaped = (i: TensorInfo) => i.shape.length <= 1 || (i.shape.length === 2 && i.shape[1] === 1);
  const perColumn = !single || (features === undefined && columns.includes(single.name) && columnShaped(single));
  if (perColumn) {
    const missing = model.inputs.filter((i) => !columns.includes(i.name)).map((i) => i.name);
    if (missing.length > 0) {
      throw new BadInputError('input-mismatch', `${model.file}: the model's inputs ${list(missing)} are not columns of the data (model inputs: ${list(model.inputs.map((i) => i.name))}; data columns: ${list(columns)})`, {
        ...at,
        hint: 'rename the data columns to the input names, or export the model with one 2-D input',
      });
    }
    return model.inputs.map((i) => ({ name: i.name, element: elements[i.type]!, columns: [i.name], rank: i.shape.length === 2 ? 2 : 1 }));
  }
  const input = single!;
  if (input.shape.length !== 2) {
    throw new BadInputError('input-mismatch', `${model.file}: input '${input.name}' has shape [${input.shape.map(String).join(', ')}]; expected [N, features] or one input per column`, at);
  }
  let source: FeatureSource;
  let chosen: string[];
  if (features && features.length > 0) {
    source = '--features';
    chosen = features;
  } else if (model.metadata.feature_names) {
    source = 'the model metadata feature_names';
    chosen = parseNames(model.metadata.feature_names, model.file);
  } else {
    source = 'the data columns other than the target';
    chosen = columns.filter((c) => c !== target);
  }
  const width = input.shape[1];
  if (typeof width === 'number' && width !== chosen.length) {
    throw new BadInputError('feature-count-mismatch', `${model.file}: input '${input.name}' takes ${width} features, but ${source} name ${chosen.length}: ${list(chosen)}`, {
      ...at,
      hint: `pass the model's ${width} features in order with --features a,b,…`,
    });
  }
  const missing = chosen.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new BadInputError('feature-mismatch', `${model.file}: features ${list(missing)} (from ${source}) are not columns of the data; model features: ${list(chosen)}; data columns: ${list(columns)}`, {
      ...at,
      hint: 'check the data file, or name the model features with --features a,b,…',
    });
  }
  return [{ name: input.name, element: elements[input.type]!, columns: chosen, rank: 2 }];
}

function parseNames(text: string, file: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed;
  } catch {
    // a comma-separated list is accepted as well
  }
  if (!text.trim().startsWith('[')) return text.split(',').map((s) => s.trim()).filter(Boolean);
  throw new BadInputError('bad-metadata', `${file}: metadata feature_names is not a JSON array of strings`, { location: { file }, hint: 'pass the features with --features a,b,…' });
}

/** Plans the outputs; a ZipMap output (a sequence of maps) is refused with how to export without it. */
export function planOutputs(file: string, outputs: TensorInfo[]): OutputPlan {
  const zipmap = outputs.find((o) => !o.type.startsWith('tensor('));
  if (zipmap) {
    throw new BadInputError('zipmap-output', `${file}: output '${zipmap.name}' is ${zipmap.type} (a ZipMap: one map per row), which gh-mlops cannot score`, {
      location: { file },
      hint: "re-export without ZipMap: skl2onnx `to_onnx(model, X, options={'zipmap': False})` (or `options={id(model): {'zipmap': False}}`), onnxmltools the same; the probabilities then come as a float tensor [N, C]",
    });
  }
  const plan: OutputPlan = {};
  const isFloat = (o: TensorInfo) => o.type === 'tensor(float)' || o.type === 'tensor(double)';
  for (const o of outputs) {
    const rank = o.shape.length;
    if (isFloat(o) && rank === 2 && o.shape[1] !== 1) {
      plan.probabilities ??= o.name;
      if (plan.probabilities === o.name && typeof o.shape[1] === 'number') plan.width = o.shape[1];
    } else if (isFloat(o) && (rank === 1 || (rank === 2 && o.shape[1] === 1) || rank === 0)) plan.score ??= o.name;
    else if ((o.type === 'tensor(int64)' || o.type === 'tensor(string)' || o.type === 'tensor(int32)') && rank <= 2) plan.label ??= o.name;
  }
  if (!plan.probabilities && !plan.label && !plan.score) {
    throw new BadInputError('unknown-outputs', `${file}: no output is a probability [N, C], label [N], score [N] or value [N] tensor (outputs: ${outputs.map((o) => `${o.name} ${o.type} [${o.shape.map(String).join(', ')}]`).join('; ')})`, {
      location: { file },
      hint: 'export the model with a probabilities or label output (classification) or a float [N] output (regression)',
    });
  }
  return plan;
}

/** The task to evaluate: as asked, or detected from the outputs (probabilities width, labels, or a value). */
export function detectTask(asked: 'auto' | 'binary' | 'multiclass' | 'regression', plan: OutputPlan, classCount: number | undefined): EvaluationTask {
  if (asked === 'binary') return 'binary-classification';
  if (asked === 'multiclass') return 'multiclass-classification';
  if (asked === 'regression') return 'regression';
  const width = plan.width ?? classCount;
  if (plan.probabilities || plan.label) return width !== undefined && width > 2 ? 'multiclass-classification' : 'binary-classification';
  return classCount !== undefined ? 'binary-classification' : 'regression';
}
