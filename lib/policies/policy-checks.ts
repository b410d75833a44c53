import type { Diagnostic } from '../errors.js';
import { gateShape } from '../config/gate-shape.js';
import { parseDuration } from '../config/duration.js';

type Path = Array<string | number>;
/** Reports a finding at a path of the merged policy (the caller maps it to the file that contributed it). */
export type PolicyReport = (severity: Diagnostic['severity'], path: Path, message: string, hint?: string, target?: 'key' | 'value') => void;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks one layer as written: rule ids unique within the file (merging by id would hide the second). */
export function checkPolicyLayer(value: unknown, report: PolicyReport, line: (path: Path) => number): void {
  if (!isObj(value) || !Array.isArray(value.gates)) return;
  const seen = new Map<string, number>();
  value.gates.forEach((rule, i) => {
    if (!isObj(rule) || typeof rule.id !== 'string') return;
    const first = seen.get(rule.id);
    if (first === undefined) seen.set(rule.id, i);
    else report('error', ['gates', i, 'id'], `duplicate rule id '${rule.id}' (first defined at line ${line(['gates', first, 'id'])})`, 'rule ids must be unique within a policy file: rules merge by id');
  });
}

/** Checks the merged policy: every enabled rule is one complete kind; durations are valid. */
export function checkMergedPolicy(value: unknown, report: PolicyReport): void {
  if (!isObj(value)) return;
  if (Array.isArray(value.gates)) {
    value.gates.forEach((rule, i) => {
      if (!isObj(rule) || rule.enabled === false) return;
      const shape = gateShape(rule, ['absolute', 'relative', 'requirement', 'slice-gap']);
      if ('problem' in shape) {
        const p = shape.problem;
        report('error', p.field ? ['gates', i, p.field] : ['gates', i], `rule '${String(rule.id)}': ${p.message}`, p.hint, p.field ? 'key' : 'value');
      }
    });
  }
  const promotion = value.promotion;
  if (isObj(promotion)) {
    const rules: Array<[Path, unknown]> = [[['promotion', 'default'], promotion.default]];
    if (isObj(promotion.stages)) for (const [stage, rule] of Object.entries(promotion.stages)) rules.push([['promotion', 'stages', stage], rule]);
    for (const [path, rule] of rules) {
      if (isObj(rule) && typeof rule.min_soak === 'string' && parseDuration(rule.min_soak) === undefined) {
        report('error', [...path, 'min_soak'], `'${rule.min_soak}' is not a duration`, 'a duration: whole numbers with units d, h, m, s, e.g. 30m, 6h, 7d');
      }
    }
  }
}
