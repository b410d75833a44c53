/** The fields that decide what a gate (config) or gate rule (policy) checks. */
export interface GateFields {
  metric?: unknown;
  op?: unknown;
  value?: unknown;
  relative_to?: unknown;
  max_regression?: unknown;
  use_ci?: unknown;
  require?: unknown;
  max_slice_gap?: unknown;
}

/** What a gate checks, decided by which fields it has. */
export type GateKind = 'absolute' | 'relative' | 'requirement' | 'slice-gap';

/** A gate whose fields do not make one complete kind: the message, and the field to point at. */
export interface GateShapeProblem {
  message: string;
  /** Key of the gate the problem is about; undefined = the gate as a whole. */
  field?: keyof GateFields;
  hint: string;
}

const shapes = 'absolute {metric, op, value}, relative {metric, relative_to: champion, max_regression}, requirement {require}, or slice gap {metric, max_slice_gap}';

/**
 * Classifies a gate by its fields, or explains why it is none of the kinds. Config gates know only absolute and
 * relative gates (`allowed` narrows the kinds); policy rules know all four. Shared by config and policy validation.
 */
export function gateShape(gate: GateFields, allowed: readonly GateKind[]): { kind: GateKind } | { problem: GateShapeProblem } {
  const has = (key: keyof GateFields) => gate[key] !== undefined;
  const kinds: GateKind[] = [];
  if (has('op') || has('value')) kinds.push('absolute');
  if (has('relative_to') || has('max_regression') || has('use_ci')) kinds.push('relative');
  if (has('require')) kinds.push('requirement');
  if (has('max_slice_gap')) kinds.push('slice-gap');
  const listed = allowed.length === 4 ? shapes : 'absolute {metric, op, value} or relative {metric, relative_to: champion, max_regression}';
  if (kinds.length === 0) return { problem: { message: 'the gate says nothing to check', hint: `write ${listed}` } };
  if (kinds.length > 1) {
    return { problem: { message: `the gate mixes the fields of ${kinds.join(' and ')} gates`, hint: `split it into one gate per check: ${listed}` } };
  }
  const kind = kinds[0]!;
  if (!allowed.includes(kind)) return { problem: { message: `a ${kind} gate is not allowed here`, hint: `write ${listed}` } };
  if (kind === 'absolute') {
    if (!has('op')) return { problem: { message: "an absolute gate needs 'op' (one of >=, >, <=, <)", hint: "add e.g. `op: \">=\"`" } };
    if (!has('value')) return { problem: { message: "an absolute gate needs 'value' (the threshold)", field: 'op', hint: 'add e.g. `value: 0.8`' } };
  }
  if (kind === 'relative' && !has('max_regression')) {
    return { problem: { message: "a gate relative to the champion needs 'max_regression'", hint: 'add e.g. `max_regression: 0.01` (0 = must not be worse)' } };
  }
  if ((kind === 'absolute' || kind === 'relative' || kind === 'slice-gap') && !has('metric')) {
    return { problem: { message: `a ${kind} gate needs 'metric'`, hint: 'add e.g. `metric: primary` or `metric: roc_auc`' } };
  }
  if (kind === 'requirement' && has('metric')) {
    return { problem: { message: "a requirement gate takes no 'metric'", field: 'metric', hint: 'remove `metric:` or make it a separate gate' } };
  }
  return { kind };
}
