/**
 * A champion known only by an earlier evaluation report (`--champion-report`): without its per-row predictions there
 * is no paired bootstrap, so each delta's interval is the challenger's own interval shifted by the champion's value
 * (the champion's number taken as fixed), and there is no McNemar test.
 */
import type { ChampionComparison, EvaluationReport, EvaluationTask, Metrics } from '../contracts/index.js';
import { BadInputError } from '../errors.js';
import { deltaVerdict } from './verdict.js';

/** The comparison with the champion's report; BadInputError when it evaluated another task. */
export function championFromReport(task: EvaluationTask, metrics: Metrics, report: EvaluationReport, file: string): ChampionComparison {
  if (report.task !== task) {
    throw new BadInputError('champion-task-mismatch', `${file}: the champion report evaluates a ${report.task} task, this evaluation a ${task} task`, {
      location: { file },
      hint: 'pass the champion report of the same model family, or --champion MODEL.onnx',
    });
  }
  const deltas: ChampionComparison['deltas'] = {};
  for (const [name, mine] of Object.entries(metrics)) {
    const theirs = report.metrics[name]?.value;
    if (mine.value === null || theirs === null || theirs === undefined) continue;
    const delta = mine.value - theirs;
    const ci: [number, number] = mine.ci ? [mine.ci[0] - theirs, mine.ci[1] - theirs] : [delta, delta];
    deltas[name] = { delta, ci, verdict: deltaVerdict(name, ci) };
  }
  const name = report.subject.model?.name;
  return { model: { sha256: report.model.sha256, ...(name ? { name } : {}) }, metrics: report.metrics, deltas };
}
