/**
 * The gate: each enabled rule of a resolved policy against the reports at hand, with what was observed, what was
 * required, pass/fail and one sentence why. Pure. A rule whose evidence is missing fails (a gate that cannot see must
 * not pass), except the regression rule without a champion: the first model of a line has nothing to regress from.
 */
import { gateShape } from '../config/gate-shape.js';
import type { DriftReport, EvaluationReport, GateRule, ValidationReport } from '../contracts/index.js';
import { metricHigherIsBetter } from '../evaluation/verdict.js';
import { otherSlice } from '../evaluation/slices.js';
import type { PolicyRule, ResolvedPolicy } from '../policies/types.js';
import { observeMetric, resolveMetricName } from './observe-metric.js';

/** The reports a gate reads; any may be missing. */
export interface GateEvidence {
  evaluation?: EvaluationReport;
  validation?: ValidationReport;
  drift?: DriftReport;
  /** Overrides the evaluation's first metric as `primary`. */
  primaryMetric?: string;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : Number(x.toPrecision(4)).toString());
const signed = (x: number) => (x >= 0 ? `+${fmt(x)}` : fmt(x));

/** Every enabled rule decided, in policy order. */
export function decideGate(policy: ResolvedPolicy, evidence: GateEvidence): GateRule[] {
  return policy.gates.filter((rule) => rule.enabled).map((rule) => decideRule(rule, evidence));
}

/** Whether every rule passed. */
export function gatePassed(rules: GateRule[]): boolean {
  return rules.every((r) => r.passed);
}

function decideRule(rule: PolicyRule, evidence: GateEvidence): GateRule {
  const shape = gateShape(rule, ['absolute', 'relative', 'requirement', 'slice-gap']);
  const base = { id: rule.id, description: rule.description ?? rule.id };
  if ('problem' in shape) return { ...base, observed: null, expected: null, passed: false, reason: `The rule is malformed: ${shape.problem.message}.` };
  if (shape.kind === 'requirement') return { ...base, ...requirement(rule, evidence) };
  const evaluation = evidence.evaluation;
  const metric = resolveMetricName(rule.metric!, evaluation, evidence.primaryMetric);
  if (!evaluation) return { ...base, observed: null, expected: expectedOf(rule, metric), passed: false, reason: `No evaluation report was given, so ${metric} cannot be checked.` };
  if (shape.kind === 'absolute') return { ...base, ...absolute(rule, metric, evaluation) };
  if (shape.kind === 'relative') return { ...base, ...relative(rule, metric, evaluation) };
  return { ...base, ...sliceGap(rule, metric, evaluation) };
}

type Decision = Omit<GateRule, 'id' | 'description'>;

function expectedOf(rule: PolicyRule, metric: string): unknown {
  if (rule.op !== undefined) return { metric, op: rule.op, value: rule.value };
  if (rule.max_regression !== undefined) return { metric, relative_to: 'champion', max_regression: rule.max_regression, use_ci: rule.use_ci ?? false };
  return { metric, max_slice_gap: rule.max_slice_gap };
}

function requirement(rule: PolicyRule, evidence: GateEvidence): Decision {
  if (rule.require === 'validation_passed') {
    const v = evidence.validation;
    if (!v) return { observed: null, expected: { validation: 'passed' }, passed: false, reason: 'No validation report was given (--validation), so the data is not known to be valid.' };
    return {
      observed: { passed: v.passed, failed: v.summary.failed },
      expected: { validation: 'passed' },
      passed: v.passed,
      reason: v.passed ? `The data validation passed all ${v.summary.expectations} expectations.` : `The data validation failed ${v.summary.failed} of ${v.summary.expectations} expectations.`,
    };
  }
  const d = evidence.drift;
  if (!d) return { observed: null, expected: { drift: false }, passed: false, reason: 'No drift report was given (--drift), so drift cannot be ruled out.' };
  const share = `${fmt(d.share * 100)}% of columns drifted (threshold ${fmt(d.threshold * 100)}%)`;
  return { observed: { drifted: d.drifted, share: d.share }, expected: { drift: false }, passed: !d.drifted, reason: d.drifted ? `Drift is open: ${share}.` : `No drift: ${share}.` };
}

function compare(op: string, a: number, b: number): boolean {
  return op === '>=' ? a >= b : op === '>' ? a > b : op === '<=' ? a <= b : a < b;
}

function absolute(rule: PolicyRule, metric: string, evaluation: EvaluationReport): Decision {
  const expected = expectedOf(rule, metric);
  const value = observeMetric(evaluation, metric);
  if (value === undefined) return { observed: null, expected, passed: false, reason: `The evaluation has no metric ${metric} (it has ${Object.keys(evaluation.metrics).join(', ') || 'none'}).` };
  if (value === null) return { observed: null, expected, passed: false, reason: `${metric} is undefined for this data, so it cannot be ${rule.op} ${rule.value}.` };
  const passed = compare(rule.op!, value, rule.value!);
  return { observed: value, expected, passed, reason: `${metric} is ${fmt(value)}, which ${passed ? 'meets' : 'misses'} ${rule.op} ${rule.value}.` };
}

function relative(rule: PolicyRule, metric: string, evaluation: EvaluationReport): Decision {
  const expected = expectedOf(rule, metric);
  const champion = evaluation.champion;
  if (!champion) return { observed: null, expected, passed: true, reason: 'There is no champion yet, so there is nothing to regress from.' };
  const delta = champion.deltas[metric];
  if (!delta) return { observed: null, expected, passed: false, reason: `${metric} is not defined for both challenger and champion, so a regression cannot be ruled out.` };
  const up = metricHigherIsBetter(metric);
  const useCi = rule.use_ci ?? false;
  // The worst plausible change: the interval's end on the bad side, or the point estimate without use_ci.
  const worst = useCi ? (up ? delta.ci[0] : delta.ci[1]) : delta.delta;
  const regression = up ? -worst : worst;
  const max = rule.max_regression!;
  const passed = regression <= max;
  const what = useCi ? `the 95% interval of the change in ${metric} reaches ${signed(worst)} (delta ${signed(delta.delta)})` : `${metric} changed by ${signed(delta.delta)} against the champion`;
  return {
    observed: { delta: delta.delta, ci: delta.ci, verdict: delta.verdict },
    expected,
    passed,
    reason: `${what.charAt(0).toUpperCase()}${what.slice(1)}, ${passed ? 'within' : 'beyond'} the allowed regression of ${fmt(max)}.`,
  };
}

function sliceGap(rule: PolicyRule, metric: string, evaluation: EvaluationReport): Decision {
  const expected = expectedOf(rule, metric);
  const overall = evaluation.metrics[metric]?.value;
  const slices = evaluation.slices.filter((s) => s.value !== otherSlice && typeof s.metrics[metric]?.value === 'number');
  if (overall === undefined || overall === null) return { observed: null, expected, passed: false, reason: `The evaluation has no value of ${metric} to compare slices with.` };
  if (slices.length === 0) return { observed: null, expected, passed: true, reason: `No slice has a value of ${metric} (no --slices, or every slice is too small).` };
  const up = metricHigherIsBetter(metric);
  let worst = slices[0]!;
  let trail = -Infinity;
  for (const s of slices) {
    const v = s.metrics[metric]!.value!;
    const t = up ? overall - v : v - overall;
    if (t > trail) {
      trail = t;
      worst = s;
    }
  }
  const max = rule.max_slice_gap!;
  const passed = trail <= max;
  const at = `${worst.column} = ${String(worst.value)}`;
  return {
    observed: { column: worst.column, value: worst.value, score: worst.metrics[metric]!.value, overall, trail },
    expected,
    passed,
    reason: `The worst slice (${at}) trails the whole data's ${metric} by ${fmt(Math.max(0, trail))}, ${passed ? 'within' : 'more than'} the allowed ${fmt(max)}.`,
  };
}
