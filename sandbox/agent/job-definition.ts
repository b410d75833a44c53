/**
 * What the agent needs of a workflow file beyond workflow-files.ts' summary: the full step list of one job (run / uses /
 * with / env / if / id / shell / working-directory), the job's and workflow's `env`, the job's `outputs`, and
 * `defaults.run`. Also reads a composite action's action.yml.
 */
import { parse } from 'yaml';

export interface StepDefinition {
  id?: string;
  name: string;
  run?: string;
  uses?: string;
  with: Record<string, string>;
  env: Record<string, string>;
  if?: string | boolean;
  shell?: string;
  workingDirectory?: string;
  continueOnError: boolean;
}

export interface JobDefinition {
  steps: StepDefinition[];
  /** Workflow `env`, then job `env` (job wins). */
  env: Record<string, string>;
  outputs: Record<string, string>;
  defaults: { shell?: string; workingDirectory?: string };
}

export interface ActionDefinition {
  name: string;
  using: string;
  inputs: Record<string, { default?: string; required: boolean }>;
  outputs: Record<string, string>;
  steps: StepDefinition[];
}

const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const scalar = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const strings = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(record(v)).flatMap(([k, x]) => (scalar(x) === undefined ? [] : [[k, scalar(x)!]])));

/** One step of a workflow job or composite action; the display name is GitHub's (`Run <uses>`, `Run <first line>`). */
export function stepDefinition(raw: unknown, index: number): StepDefinition {
  const s = record(raw);
  const run = scalar(s.run);
  const uses = typeof s.uses === 'string' ? s.uses : undefined;
  const name = typeof s.name === 'string' ? s.name : uses ? `Run ${uses}` : run !== undefined ? `Run ${run.split('\n')[0]}` : `Step ${index + 1}`;
  const step: StepDefinition = { name, with: strings(s.with), env: strings(s.env), continueOnError: s['continue-on-error'] === true };
  if (typeof s.id === 'string') step.id = s.id;
  if (run !== undefined) step.run = run;
  if (uses) step.uses = uses;
  if (typeof s.if === 'string' || typeof s.if === 'boolean') step.if = s.if;
  if (typeof s.shell === 'string') step.shell = s.shell;
  if (typeof s['working-directory'] === 'string') step.workingDirectory = s['working-directory'];
  return step;
}

/** The definition of job `key` in a workflow file's text; undefined when the job is not there. */
export function jobDefinition(workflowText: string, key: string): JobDefinition | undefined {
  const doc = record(parse(workflowText));
  const job = record(record(doc.jobs)[key]);
  if (Object.keys(job).length === 0) return undefined;
  const run = record(record(job.defaults).run);
  const workflowRun = record(record(doc.defaults).run);
  const defaults: JobDefinition['defaults'] = {};
  const shell = scalar(run.shell) ?? scalar(workflowRun.shell);
  const dir = scalar(run['working-directory']) ?? scalar(workflowRun['working-directory']);
  if (shell) defaults.shell = shell;
  if (dir) defaults.workingDirectory = dir;
  return {
    steps: (Array.isArray(job.steps) ? job.steps : []).map(stepDefinition),
    env: { ...strings(doc.env), ...strings(job.env) },
    outputs: strings(job.outputs),
    defaults,
  };
}

/** A composite action's `action.yml`. */
export function actionDefinition(text: string): ActionDefinition {
  const doc = record(parse(text));
  const runs = record(doc.runs);
  const inputs: ActionDefinition['inputs'] = {};
  for (const [name, raw] of Object.entries(record(doc.inputs))) {
    const input = record(raw);
    const def = scalar(input.default);
    inputs[name] = { required: input.required === true, ...(def === undefined ? {} : { default: def }) };
  }
  const outputs = Object.fromEntries(Object.entries(record(doc.outputs)).map(([k, v]) => [k, scalar(record(v).value) ?? '']));
  return {
    name: typeof doc.name === 'string' ? doc.name : 'action',
    using: String(runs.using ?? ''),
    inputs,
    outputs,
    steps: (Array.isArray(runs.steps) ? runs.steps : []).map(stepDefinition),
  };
}
