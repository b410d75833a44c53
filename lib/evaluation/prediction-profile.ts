/**
 * For `--no-labels`: a profile of what the model predicts (the same column profiles as `mlops profile`), so
 * monitoring can compare prediction distributions across time without ground truth.
 */
import type { ColumnProfile, EvaluationTask } from '../contracts/index.js';
import { ColumnProfiler } from '../profile/column-profiler.js';
import type { RawOutputs } from './predictions.js';

const chunk = 8192;

function profileColumn(name: string, length: number, cell: (i: number) => number | string): ColumnProfile {
  const profiler = new ColumnProfiler(name);
  const cells = new Array<number | string>(chunk);
  for (let start = 0; start < length; start += chunk) {
    const count = Math.min(chunk, length - start);
    for (let i = 0; i < count; i++) cells[i] = cell(start + i);
    profiler.addCells(cells, count);
  }
  return profiler.finish();
}

/** Profiles: the predicted class and each class probability (classification), or the predicted value (regression). */
export function predictionProfile(task: EvaluationTask, outputs: RawOutputs, classes: string[]): ColumnProfile[] {
  const { probabilities, width, score, labels } = outputs;
  if (task === 'regression') {
    const values = score ?? probabilities;
    return values ? [profileColumn('prediction', values.length, (i) => values[i]!)] : [];
  }
  const profiles: ColumnProfile[] = [];
  if (probabilities && width !== undefined) {
    const rows = probabilities.length / width;
    profiles.push(profileColumn('predicted', rows, (i) => {
      let best = 0;
      for (let k = 1; k < width; k++) if (probabilities[i * width + k]! > probabilities[i * width + best]!) best = k;
      return classes[best] ?? String(best);
    }));
    for (let k = 0; k < width; k++) profiles.push(profileColumn(`probability_${classes[k] ?? k}`, rows, (i) => probabilities[i * width + k]!));
  } else if (labels) profiles.push(profileColumn('predicted', labels.length, (i) => labels[i]!));
  if (score && !probabilities) profiles.push(profileColumn('score', score.length, (i) => score[i]!));
  return profiles;
}
