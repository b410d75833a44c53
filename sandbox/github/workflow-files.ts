/**
 * Workflow files as GitHub reads them: every `.github/workflows/*.yml|yaml` in a commit's tree, parsed with `yaml`,
 * reduced to what the emulator acts on (name, `workflow_dispatch` inputs, jobs with `runs-on` labels and `needs`).
 * Matrix strategies, reusable workflows and `if:` conditions are not modelled: each `jobs:` key is one job.
 */
import { parse } from 'yaml';
import { commitFiles, readObject } from './git-objects.js';
import { GithubHttpError } from './errors.js';
import { nextId, type RepoRecord, type World } from './model.js';
import type { StepSpec, WorkflowRecord } from './model-actions.js';
import { normaliseOn } from './workflow-triggers.js';

export interface DispatchInput {
  type: 'string' | 'boolean' | 'choice' | 'number' | 'environment';
  required: boolean;
  default?: string | number | boolean;
  options?: string[];
}

export interface JobSpec {
  key: string;
  name: string;
  labels: string[];
  needs: string[];
  steps: StepSpec[];
}

export interface WorkflowSpec {
  name: string;
  /** Trigger names under `on:`. */
  triggers: string[];
  /** `on:` as a map, trigger name → its configuration (see workflow-triggers.ts). */
  on: Record<string, unknown>;
  /** `on.workflow_dispatch.inputs`, empty when there are none. */
  inputs: Record<string, DispatchInput>;
  jobs: JobSpec[];
}

const WORKFLOW_PATH = /^\.github\/workflows\/[^/]+\.ya?ml$/;

/** The workflow files of a commit: path → text. */
export function workflowFiles(world: World, commitSha: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, entry] of commitFiles(world.git, commitSha)) {
    if (!WORKFLOW_PATH.test(path)) continue;
    const blob = readObject(world.git, entry.sha, 'blob');
    if (blob) out.set(path, blob.content.toString('utf8'));
  }
  return out;
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const asStrings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** `runs-on` as a label list: a string, a list, or `{ group, labels }`. */
export function runsOnLabels(runsOn: unknown): string[] {
  if (typeof runsOn === 'string' || Array.isArray(runsOn)) return asStrings(runsOn);
  return asStrings(asRecord(runsOn).labels);
}

/** Parses a workflow file; a file that is not a workflow answers GitHub's 422 for dispatching it. */
export function parseWorkflow(path: string, text: string): WorkflowSpec {
  let doc: Record<string, unknown>;
  try {
    doc = asRecord(parse(text));
  } catch (error) {
    throw new GithubHttpError(422, `Invalid workflow file: ${path}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  // YAML 1.1 readers turn a bare `on:` key into `true`; `yaml` (1.2) keeps "on", but accept both.
  const on = doc.on ?? doc.true;
  const triggerMap = normaliseOn(on);
  const triggers = Object.keys(triggerMap);
  const inputs: Record<string, DispatchInput> = {};
  for (const [name, raw] of Object.entries(asRecord(asRecord(asRecord(on).workflow_dispatch).inputs))) {
    const def = asRecord(raw);
    const type = ['string', 'boolean', 'choice', 'number', 'environment'].includes(String(def.type)) ? (def.type as DispatchInput['type']) : 'string';
    const input: DispatchInput = { type, required: def.required === true };
    if (typeof def.default === 'string' || typeof def.default === 'number' || typeof def.default === 'boolean') input.default = def.default;
    if (type === 'choice') input.options = asStrings(def.options).map(String);
    inputs[name] = input;
  }
  const jobs: JobSpec[] = Object.entries(asRecord(doc.jobs)).map(([key, raw]) => {
    const job = asRecord(raw);
    const steps = (Array.isArray(job.steps) ? job.steps : []).map((s, i) => {
      const step = asRecord(s);
      const label = typeof step.name === 'string' ? step.name : typeof step.uses === 'string' ? `Run ${step.uses}` : typeof step.run === 'string' ? `Run ${step.run.split('\n')[0]}` : `Step ${i + 1}`;
      return { name: label };
    });
    return { key, name: typeof job.name === 'string' ? job.name : key, labels: runsOnLabels(job['runs-on']), needs: asStrings(job.needs), steps };
  });
  if (jobs.length === 0) throw new GithubHttpError(422, `Invalid workflow file: ${path}: No jobs defined in \`jobs\``);
  return { name: typeof doc.name === 'string' ? doc.name : path, triggers, on: triggerMap, inputs, jobs };
}

/**
 * The workflow records of the files on the default branch, created (with fresh ids) the first time a path is seen,
 * like GitHub registering a workflow on push. Records of removed files are kept, as GitHub keeps their runs.
 */
export function syncWorkflows(world: World, repo: RepoRecord, now: string): WorkflowRecord[] {
  const tip = repo.refs[`refs/heads/${repo.default_branch}`];
  const files = tip ? workflowFiles(world, tip) : new Map<string, string>();
  for (const [path, text] of files) {
    let name = path;
    try {
      name = parseWorkflow(path, text).name;
    } catch {
      // An invalid file still registers under its path, as on GitHub.
    }
    ensureWorkflow(world, repo, path, name, now);
  }
  return world.actions.workflows.filter((w) => w.repo_id === repo.id && files.has(w.path));
}

/** The workflow record of a path (created on first sight, renamed when its `name:` changed). */
export function ensureWorkflow(world: World, repo: RepoRecord, path: string, name: string, now: string): WorkflowRecord {
  const existing = world.actions.workflows.find((w) => w.repo_id === repo.id && w.path === path);
  if (existing) {
    if (existing.name !== name) Object.assign(existing, { name, updated_at: now });
    return existing;
  }
  const record: WorkflowRecord = { id: nextId(world), repo_id: repo.id, path, name, created_at: now, updated_at: now };
  world.actions.workflows.push(record);
  return record;
}

/** Finds a workflow by numeric id or file name (`train.yml`), as `{workflow_id}` accepts both. */
export function findWorkflow(world: World, repo: RepoRecord, idOrFile: string, now: string): WorkflowRecord | undefined {
  const workflows = syncWorkflows(world, repo, now);
  const all = world.actions.workflows.filter((w) => w.repo_id === repo.id);
  if (/^\d+$/.test(idOrFile)) return all.find((w) => w.id === Number(idOrFile));
  return workflows.find((w) => w.path.split('/').pop() === idOrFile) ?? all.find((w) => w.path.split('/').pop() === idOrFile);
}
