/**
 * `${{ }}` expressions of workflow files, evaluated with `@actions/expressions` (GitHub's own parser and evaluator,
 * from actions/languageservices). What the agent adds is the runner's part: the contexts it supplies, the status
 * functions (`always()`, `success()`, `failure()`, `cancelled()`, which depend on the job's state), the implicit
 * `success() &&` of an `if:` without a status function, and interpolation of `${{ }}` inside strings.
 */
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';

/** The contexts a step sees. Missing ones are supplied empty so `secrets.X` or `matrix.X` read as ''. */
export interface ExpressionContexts {
  github: Record<string, unknown>;
  inputs: Record<string, unknown>;
  env: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }>;
  runner: Record<string, string>;
  needs: Record<string, { outputs: Record<string, string>; result: string }>;
  secrets?: Record<string, string>;
  matrix?: Record<string, unknown>;
  job?: Record<string, unknown>;
  vars?: Record<string, string>;
}

/** The job's state for the status functions: has a previous step failed, was the run cancelled. */
export interface JobStatus {
  failed: boolean;
  cancelled: boolean;
}

const CONTEXT_NAMES = ['github', 'inputs', 'env', 'steps', 'runner', 'needs', 'secrets', 'matrix', 'job', 'vars', 'strategy'];
const STATUS_FUNCTIONS = ['always', 'success', 'failure', 'cancelled'].map((name) => ({ name, minArgs: 0, maxArgs: 0 }));

function toData(contexts: ExpressionContexts): data.Dictionary {
  const plain = { secrets: {}, matrix: {}, job: {}, vars: {}, strategy: {}, ...contexts };
  return JSON.parse(JSON.stringify(plain), data.reviver) as data.Dictionary;
}

function evaluate(source: string, contexts: ExpressionContexts, status: JobStatus): data.ExpressionData {
  const tokens = new Lexer(source).lex().tokens;
  const expr = new Parser(tokens, CONTEXT_NAMES, STATUS_FUNCTIONS).parse();
  const result = (value: boolean) => () => new data.BooleanData(value);
  const functions = new Map([
    ['always', { ...STATUS_FUNCTIONS[0]!, call: result(true) }],
    ['success', { ...STATUS_FUNCTIONS[1]!, call: result(!status.failed && !status.cancelled) }],
    ['failure', { ...STATUS_FUNCTIONS[2]!, call: result(status.failed) }],
    ['cancelled', { ...STATUS_FUNCTIONS[3]!, call: result(status.cancelled) }],
  ]);
  return new Evaluator(expr, toData(contexts), functions).evaluate();
}

/** Evaluates one expression (without `${{ }}`) to its string form, as the runner substitutes it. */
export function evaluateToString(source: string, contexts: ExpressionContexts, status: JobStatus = { failed: false, cancelled: false }): string {
  const value = evaluate(source, contexts, status);
  if (value.kind === data.Kind.Dictionary || value.kind === data.Kind.Array) {
    return JSON.stringify(value, data.replacer, 2);
  }
  return value.coerceString();
}

/** Replaces every `${{ expr }}` in `text`; a string literal holding `}}` is honoured. */
export function interpolate(text: string, contexts: ExpressionContexts, status?: JobStatus): string {
  let out = '';
  let at = 0;
  for (let start = text.indexOf('${{', at); start >= 0; start = text.indexOf('${{', at)) {
    const end = closingBraces(text, start + 3);
    if (end < 0) break;
    out += text.slice(at, start) + evaluateToString(text.slice(start + 3, end).trim(), contexts, status);
    at = end + 2;
  }
  return out + text.slice(at);
}

/** Index of the `}}` closing an expression that starts at `from`, skipping `'…'` literals; -1 if unclosed. */
function closingBraces(text: string, from: number): number {
  let quoted = false;
  for (let i = from; i < text.length - 1; i++) {
    if (text[i] === "'") quoted = !quoted;
    else if (!quoted && text[i] === '}' && text[i + 1] === '}') return i;
  }
  return -1;
}

/**
 * A step's (or job's) `if:`: absent means `success()`; a condition naming no status function is ANDed with
 * `success()`, as GitHub does, so a step after a failure is skipped unless it asks for `always()`/`failure()`.
 */
export function evaluateCondition(condition: unknown, contexts: ExpressionContexts, status: JobStatus): boolean {
  if (condition === undefined || condition === null || condition === '') return !status.failed && !status.cancelled;
  if (typeof condition === 'boolean') return condition && !status.failed && !status.cancelled;
  let source = String(condition).trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(source);
  if (wrapped && closingBraces(source, 3) === source.length - 2) source = wrapped[1]!.trim();
  if (!/\b(always|success|failure|cancelled)\s*\(/i.test(source)) source = `success() && (${source})`;
  return truthy(evaluate(source, contexts, status));
}
