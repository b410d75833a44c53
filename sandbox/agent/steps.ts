/**
 * Runs a list of steps as actions/runner does: each step's `if:` (default `success()`), `${{ }}` in `run`, `with`
 * and `env`, the file commands (GITHUB_OUTPUT / GITHUB_ENV / GITHUB_PATH / GITHUB_STEP_SUMMARY) read back after the
 * step, `continue-on-error`, local composite actions (`uses: ./path`) recursively, and everything else handed to the
 * host's `uses` (the built-in emulations of actions/checkout, upload-artifact, …).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { evaluateCondition, interpolate, type ExpressionContexts, type JobStatus } from './expressions.js';
import { parseKeyValueFile, parsePathFile } from './file-commands.js';
import { actionDefinition, type StepDefinition } from './job-definition.js';
import { runShell } from './shell.js';

export type Outcome = 'success' | 'failure' | 'skipped' | 'cancelled';

export interface StepResult {
  outcome: Outcome;
  outputs: Record<string, string>;
}

/** What the job around the steps provides; mutable parts (env, path, summary) carry over from step to step. */
export interface StepHost {
  workspace: string;
  tempDir: string;
  /** The process environment of every step before job/step env (GITHUB_*, RUNNER_*, CI, PATH, HOME…). */
  baseEnv: Record<string, string>;
  /** Workflow + job `env`, then what steps wrote to GITHUB_ENV. */
  jobEnv: Record<string, string>;
  /** Folders steps added through GITHUB_PATH, newest first. */
  path: string[];
  summary: string[];
  contexts: Omit<ExpressionContexts, 'env' | 'steps' | 'inputs'> & { inputs: Record<string, unknown> };
  defaults: { shell?: string; workingDirectory?: string };
  log: (text: string) => void;
  cancelled: () => boolean;
  stepTimeoutMs: number;
  /** Runs a `uses:` that is not a local action. */
  uses: (step: StepDefinition, inputs: Record<string, string>, host: StepHost) => Promise<StepResult>;
}

/** Where steps run: the workflow's job, or inside a composite action. */
export interface StepScope {
  inputs: Record<string, unknown>;
  steps: ExpressionContexts['steps'];
  /** Env of the `uses:` step that called the composite action (applies to its inner steps). */
  env: Record<string, string>;
  actionPath?: string;
}

/** Observes step progress (the agent reports it into the job record). */
export type StepObserver = (index: number, phase: 'started' | 'completed', result?: StepResult) => void;

const contextsFor = (host: StepHost, scope: StepScope, extraEnv: Record<string, string> = {}): ExpressionContexts => ({
  ...host.contexts,
  github: scope.actionPath ? { ...host.contexts.github, action_path: scope.actionPath } : host.contexts.github,
  inputs: scope.inputs,
  env: { ...host.jobEnv, ...scope.env, ...extraEnv },
  steps: scope.steps,
});

/** Runs the steps in order; resolves to whether one of them failed (after continue-on-error). */
export async function runSteps(steps: StepDefinition[], scope: StepScope, host: StepHost, status: JobStatus, observe?: StepObserver): Promise<boolean> {
  for (const [index, step] of steps.entries()) {
    if (host.cancelled()) status.cancelled = true;
    observe?.(index, 'started');
    host.log(`##[group]${step.name}\n`);
    let result: StepResult;
    try {
      result = await runStep(step, scope, host, status);
    } catch (error) {
      host.log(`##[error]${error instanceof Error ? error.message : String(error)}\n`);
      result = { outcome: 'failure', outputs: {} };
    }
    if (status.cancelled && result.outcome === 'failure') result.outcome = 'cancelled';
    const conclusion = result.outcome === 'failure' && step.continueOnError ? 'success' : result.outcome;
    if (step.id) scope.steps[step.id] = { outputs: result.outputs, outcome: result.outcome, conclusion };
    if (conclusion === 'failure') status.failed = true;
    host.log(`##[endgroup]\n`);
    observe?.(index, 'completed', { outcome: conclusion, outputs: result.outputs });
  }
  return status.failed;
}

async function runStep(step: StepDefinition, scope: StepScope, host: StepHost, status: JobStatus): Promise<StepResult> {
  const before = contextsFor(host, scope);
  if (!evaluateCondition(step.if, before, status)) {
    host.log(`Skipped: the condition ${JSON.stringify(step.if ?? 'success()')} is false\n`);
    return { outcome: 'skipped', outputs: {} };
  }
  const stepEnv = { ...scope.env, ...Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, interpolate(v, before, status)])) };
  const contexts = contextsFor(host, scope, stepEnv);
  if (step.run !== undefined) return runScript(step, interpolate(step.run, contexts, status), stepEnv, scope, host);
  if (!step.uses) throw new Error(`step "${step.name}" has neither run nor uses`);
  const inputs = Object.fromEntries(Object.entries(step.with).map(([k, v]) => [k, interpolate(v, contexts, status)]));
  if (step.uses.startsWith('./')) return runComposite(step.uses, inputs, stepEnv, contexts, host, status);
  return host.uses(step, inputs, host);
}

async function runScript(step: StepDefinition, script: string, stepEnv: Record<string, string>, scope: StepScope, host: StepHost): Promise<StepResult> {
  const files = Object.fromEntries(['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'].map((name, i) => [name, join(host.tempDir, `_step_${Date.now()}_${i}_${Math.random().toString(36).slice(2)}`)]));
  for (const file of Object.values(files)) writeFileSync(file, '');
  const env: Record<string, string> = { ...host.baseEnv, ...host.jobEnv, ...stepEnv, ...files };
  env.PATH = [...host.path, host.baseEnv.PATH ?? ''].filter(Boolean).join(delimiter);
  if (scope.actionPath) env.GITHUB_ACTION_PATH = scope.actionPath;
  const dir = step.workingDirectory ?? host.defaults.workingDirectory;
  const cwd = dir ? resolve(host.workspace, dir) : host.workspace;
  for (const line of script.replace(/\n$/, '').split('\n')) host.log(`${line}\n`);
  const code = await runShell({ script, shell: step.shell ?? host.defaults.shell, cwd, env, tempDir: host.tempDir, log: host.log, cancelled: host.cancelled, timeoutMs: host.stepTimeoutMs });
  const read = (name: string) => readFileSync(files[name]!, 'utf8');
  Object.assign(host.jobEnv, parseKeyValueFile(read('GITHUB_ENV')));
  host.path.unshift(...parsePathFile(read('GITHUB_PATH')).reverse());
  const summary = read('GITHUB_STEP_SUMMARY');
  if (summary) host.summary.push(summary);
  if (code !== 0) host.log(`##[error]Process completed with exit code ${code}.\n`);
  return { outcome: code === 0 ? 'success' : 'failure', outputs: parseKeyValueFile(read('GITHUB_OUTPUT')) };
}

/**
 * A local composite action: inputs are the caller's `with:` over the action's defaults, reachable only as
 * `${{ inputs.x }}` (the runner sets no INPUT_* variables for composite actions); GITHUB_ACTION_PATH is its folder.
 */
async function runComposite(uses: string, given: Record<string, string>, callerEnv: Record<string, string>, callerContexts: ExpressionContexts, host: StepHost, status: JobStatus): Promise<StepResult> {
  const dir = resolve(host.workspace, uses);
  const file = ['action.yml', 'action.yaml'].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`Can't find 'action.yml' or 'action.yaml' under '${dir}'`);
  const action = actionDefinition(readFileSync(file, 'utf8'));
  if (action.using !== 'composite') throw new Error(`${uses}: only composite local actions run in the sandbox (runs.using is "${action.using}")`);
  for (const name of Object.keys(given)) if (!(name in action.inputs)) host.log(`##[warning]Unexpected input(s) '${name}', valid inputs are ['${Object.keys(action.inputs).join("', '")}']\n`);
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    const value = given[name] ?? (input.default === undefined ? undefined : interpolate(input.default, callerContexts, status));
    if (value === undefined && input.required) host.log(`##[warning]Input required and not supplied: ${name}\n`);
    inputs[name] = value ?? '';
  }
  const scope: StepScope = { inputs, steps: {}, env: callerEnv, actionPath: dir };
  const inner: JobStatus = { failed: false, cancelled: status.cancelled };
  const failed = await runSteps(action.steps, scope, host, inner);
  const contexts = contextsFor(host, scope);
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, interpolate(v, contexts, inner)]));
  return { outcome: inner.cancelled ? 'cancelled' : failed ? 'failure' : 'success', outputs };
}
