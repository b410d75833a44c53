import type { Diagnostic } from '../errors.js';
import { formatPath } from '../documents/document-path.js';
import type { SourceDocument } from '../documents/parse-yaml-document.js';
import { suggest } from '../documents/suggest.js';
import { cronMinIntervalMinutes, cronProblem } from './cron.js';
import { parseDuration } from './duration.js';
import { gateShape } from './gate-shape.js';
import { knownMetrics, operationalMetrics } from './metrics.js';
import type { EvaluationTask } from './types.js';

type Path = Array<string | number>;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Checks of `.github/mlops.yml` that JSON Schema cannot express: unique model and stage names, known and acyclic
 * `depends_on`, valid cron schedules, durations, complete gates, known metric names (warnings), consistent sections.
 * Written defensively: it runs even when the schema found errors, so one run reports every problem.
 */
export function configSemanticDiagnostics(doc: SourceDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (severity: Diagnostic['severity'], path: Path, message: string, hint?: string, target: 'key' | 'value' = 'value') => {
    out.push({ severity, message, location: { file: doc.file, ...doc.locate(path, target), path: formatPath(path) }, ...(hint ? { hint } : {}) });
  };
  const line = (path: Path) => doc.locate(path).line;
  const root = doc.value;
  if (!isObj(root)) return out;
  const models = list(root.models);

  // Unique names: the error sits on the second, and says where the first is.
  const firstIndex = new Map<string, number>();
  models.forEach((model, i) => {
    const name = isObj(model) ? str(model.name) : undefined;
    if (name === undefined) return;
    const first = firstIndex.get(name);
    if (first === undefined) firstIndex.set(name, i);
    else report('error', ['models', i, 'name'], `duplicate model name '${name}' (first defined at line ${line(['models', first, 'name'])})`, 'model names must be unique: rename or remove one of the two');
  });
  const names = [...firstIndex.keys()];

  models.forEach((model, i) => {
    if (!isObj(model)) return;
    const at = (...rest: Path): Path => ['models', i, ...rest];
    const name = str(model.name) ?? `#${i + 1}`;

    list(model.depends_on).forEach((dep, k) => {
      if (typeof dep !== 'string') return;
      if (dep === name) report('error', at('depends_on', k), `model '${name}' depends on itself`, 'remove it from its own depends_on');
      else if (!firstIndex.has(dep)) {
        const guess = suggest(dep, names);
        report('error', at('depends_on', k), `depends_on names unknown model '${dep}'`, guess ? `did you mean '${guess}'?` : `known models: ${names.join(', ') || '(none)'}`);
      }
    });

    checkTraining(model.training, at('training'), report);
    checkEvaluation(model.evaluation, at('evaluation'), report);
    checkPromotion(model.promotion, at('promotion'), report, line);
    checkMonitoring(model, at('monitoring'), report);
  });

  checkCycles(models, firstIndex, report);
  return out;
}

type Report = (severity: Diagnostic['severity'], path: Path, message: string, hint?: string, target?: 'key' | 'value') => void;

function checkDuration(value: unknown, path: Path, report: Report, positive = false): void {
  if (typeof value !== 'string') return;
  const ms = parseDuration(value);
  // A malformed duration is the schema's finding (pattern); only a zero where time must pass is left to say.
  if (ms === 0 && positive) report('error', path, `duration '${value}' is zero`, 'give a positive duration, e.g. 30m, 6h or 7d');
}

function checkTraining(training: unknown, path: Path, report: Report): void {
  if (!isObj(training) || !isObj(training.runner)) return;
  const runner = training.runner;
  const at = [...path, 'runner'];
  checkDuration(runner.ttl, [...at, 'ttl'], report, true);
  if (runner.image_id !== undefined && runner.image_ssm_param !== undefined) {
    report('error', [...at, 'image_ssm_param'], "give either 'image_id' or 'image_ssm_param', not both", 'remove one of the two', 'key');
  }
  if (runner.market === 'on-demand' && runner.max_price !== undefined) {
    report('warning', [...at, 'max_price'], "'max_price' only applies to spot instances; market is on-demand", 'remove max_price, or use market: spot-then-on-demand', 'key');
  }
}

function checkEvaluation(evaluation: unknown, path: Path, report: Report): void {
  if (!isObj(evaluation)) return;
  const task = (['auto', 'binary', 'multiclass', 'regression'].includes(String(evaluation.task)) ? evaluation.task : 'auto') as EvaluationTask;
  const known = knownMetrics(task);
  const listed = list(evaluation.metrics).filter((m): m is string => typeof m === 'string');
  listed.forEach((metric, k) => {
    if (!known.includes(metric)) report('warning', [...path, 'metrics', k], unknownMetric(metric, task), didYouMean(metric, known));
  });
  if (evaluation.positive_label !== undefined && task !== 'binary' && task !== 'auto') {
    report('warning', [...path, 'positive_label'], `'positive_label' only applies to binary classification; task is ${task}`, 'remove positive_label or fix the task', 'key');
  }
  const ids = new Map<string, number>();
  list(evaluation.gates).forEach((gate, k) => {
    if (!isObj(gate)) return;
    const at = [...path, 'gates', k];
    const shape = gateShape(gate, ['absolute', 'relative']);
    if ('problem' in shape) {
      const p = shape.problem;
      report('error', p.field ? [...at, p.field] : at, p.message, p.hint, p.field ? 'key' : 'value');
      return;
    }
    const metric = str(gate.metric);
    if (metric !== undefined) {
      if (!known.includes(metric)) report('warning', [...at, 'metric'], unknownMetric(metric, task), didYouMean(metric, known));
      else if (listed.length > 0 && !listed.includes(metric) && !operationalMetrics.includes(metric)) {
        report('warning', [...at, 'metric'], `gate metric '${metric}' is not in evaluation.metrics, so it is not computed`, `add '${metric}' to evaluation.metrics`);
      }
    }
    const id = str(gate.id) ?? defaultGateId(gate);
    const first = ids.get(id);
    if (first !== undefined) report('error', gate.id === undefined ? at : [...at, 'id'], `two gates have the id '${id}' (the first is gates[${first}])`, "give one of them a distinct 'id'");
    else ids.set(id, k);
  });
}

/** The id a gate gets when it has none: `<metric>-min`, `<metric>-max` or `<metric>-no-regression`. */
export function defaultGateId(gate: { metric?: unknown; op?: unknown; max_regression?: unknown }): string {
  const metric = String(gate.metric);
  if (gate.op === '>=' || gate.op === '>') return `${metric}-min`;
  if (gate.op === '<=' || gate.op === '<') return `${metric}-max`;
  return `${metric}-no-regression`;
}

function unknownMetric(metric: string, task: EvaluationTask): string {
  return `metric '${metric}' is not one gh-mlops computes for ${task === 'auto' ? 'any task' : `task ${task}`}`;
}

function didYouMean(word: string, candidates: string[]): string {
  const guess = suggest(word, candidates);
  return guess ? `did you mean '${guess}'?` : `known metrics: ${candidates.join(', ')}`;
}

function checkPromotion(promotion: unknown, path: Path, report: Report, line: (path: Path) => number): void {
  if (!isObj(promotion)) return;
  const seen = new Map<string, number>();
  list(promotion.stages).forEach((stage, k) => {
    if (!isObj(stage)) return;
    const at = [...path, 'stages', k];
    const name = str(stage.name);
    if (name !== undefined) {
      const first = seen.get(name);
      if (first === undefined) seen.set(name, k);
      else report('error', [...at, 'name'], `duplicate stage name '${name}' (first defined at line ${line([...path, 'stages', first, 'name'])})`, 'stage names must be unique within a model');
    }
    checkDuration(stage.min_soak, [...at, 'min_soak'], report);
    const kind = stage.kind ?? 'normal';
    const traffic = stage.traffic_percent;
    if (kind === 'canary' && traffic === undefined) report('error', at, "a canary stage needs 'traffic_percent' (1-99)", 'add e.g. `traffic_percent: 10`');
    else if (kind === 'canary' && typeof traffic === 'number' && (traffic <= 0 || traffic >= 100)) {
      report('error', [...at, 'traffic_percent'], `a canary serves part of the traffic: traffic_percent must be between 1 and 99, got ${traffic}`, 'use kind: normal for all of the traffic');
    } else if (kind === 'normal' && traffic !== undefined && traffic !== 100) {
      report('error', [...at, 'traffic_percent'], `a normal stage serves all traffic: traffic_percent must be 100 (or absent), got ${String(traffic)}`, 'use kind: canary to serve a share');
    }
  });
}

function checkMonitoring(model: Obj, path: Path, report: Report): void {
  const monitoring = model.monitoring;
  if (!isObj(monitoring)) return;
  const schedule = monitoring.schedule;
  if (typeof schedule === 'string') {
    const problem = cronProblem(schedule);
    if (problem) report('error', [...path, 'schedule'], problem, 'five fields: minute hour day-of-month month day-of-week, e.g. "0 6 * * *" (daily at 06:00 UTC)');
    else if (cronMinIntervalMinutes(schedule) < 5) {
      report('warning', [...path, 'schedule'], `schedule '${schedule}' runs more often than every 5 minutes; GitHub Actions runs schedules at most every 5 minutes`, 'use e.g. "*/5 * * * *" or less often');
    }
  }
  checkDuration(monitoring.retrain_cooldown, [...path, 'retrain_cooldown'], report);
  if (monitoring.on_drift === 'retrain' && model.training === undefined) {
    report('error', [...path, 'on_drift'], "on_drift: retrain needs a 'training' section in the model", 'add training: {command: …} to the model, or use on_drift: issue');
  }
  const dataBaseline = isObj(model.data) ? model.data.baseline : undefined;
  if (monitoring.baseline === undefined && dataBaseline === undefined) {
    report('error', path, 'monitoring needs a baseline profile to compare with', "set monitoring.baseline or data.baseline (a profile written by `mlops profile`)", 'key');
  }
}

function checkCycles(models: unknown[], index: Map<string, number>, report: Report): void {
  const edges = (i: number): Array<[string, number]> => {
    const model = models[i];
    return isObj(model) ? list(model.depends_on).flatMap((d, k) => (typeof d === 'string' && index.has(d) && d !== model.name ? [[d, k] as [string, number]] : [])) : [];
  };
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    const i = index.get(name)!;
    for (const [dep, k] of edges(i)) {
      if (state.get(dep) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(dep)), dep];
        const key = [...cycle.slice(0, -1)].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          report('error', ['models', i, 'depends_on', k], `dependency cycle: ${cycle.join(' → ')}`, 'models cannot depend on each other in a loop: remove one of these depends_on entries');
        }
      } else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of index.keys()) if (!state.has(name)) visit(name);
}
