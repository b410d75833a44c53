// Checks for the workflows we ship (docs/workflows/*.yml) and the actions (action.yml, actions/*/action.yml):
// GitHub's own parser (@actions/workflow-parser: the schema the Actions service validates with), then what it
// leaves to run time — job and step references, declared inputs, our actions' inputs and outputs, repository files.
// Each check returns the problems it found, so a control test can show it catches them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index';
import { parse } from 'yaml';
import { expressionsIn, repoRoot, stringsIn } from '../actions/action-files.js';

/** Workflow files under docs/workflows/, found at test time (other work adds more). */
export function workflowFiles(): string[] {
  const dir = join(repoRoot, 'docs/workflows');
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => `docs/workflows/${f}`);
}

/** action.yml files: the umbrella and every actions/<name>/action.yml, found at test time. */
export function actionFiles(): string[] {
  const names = readdirSync(join(repoRoot, 'actions'), { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(repoRoot, 'actions', e.name, 'action.yml'))).map((e) => e.name).sort();
  return ['action.yml', ...names.map((n) => `actions/${n}/action.yml`)];
}

/** Errors GitHub's parser reports for a workflow (schema and template conversion). */
export async function workflowParserErrors(name: string, content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value && errors.length === 0) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    errors.push(...(template.errors ?? []).map((e) => e.Message));
  }
  return [...new Set(errors)];
}

/** Errors GitHub's parser reports for an action.yml. */
export async function actionParserErrors(name: string, content: string): Promise<string[]> {
  const parsed = parseAction({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value && errors.length === 0) await convertActionTemplate(parsed.context, parsed.value);
  return [...new Set([...errors, ...parsed.context.errors.getErrors().map((e) => e.message)])];
}

interface Step { id?: string; uses?: string; run?: string; with?: Record<string, unknown>; [k: string]: unknown }
interface Job { needs?: string | string[]; steps?: Step[]; outputs?: Record<string, string>; uses?: string; [k: string]: unknown }
interface Workflow { on?: unknown; jobs?: Record<string, Job> }

/** Our own action a `uses:` names: `./actions/x`, `<owner>/gh-mlops/actions/x@ref`, or the umbrella `<owner>/gh-mlops@ref`. */
export function ownAction(uses: string): { folder: string } | undefined {
  const local = /^\.\/(actions\/[^@\s]+|\.?)$/.exec(uses.replace(/\/$/, ''));
  if (local) return { folder: local[1] === '.' || local[1] === '' ? '.' : local[1]! };
  const remote = /^[^/\s]+\/gh-mlops(?:\/(actions\/[^@\s]+))?@\S+$/.exec(uses);
  return remote ? { folder: remote[1] ?? '.' } : undefined;
}

function declaredInputs(on: unknown): Set<string> {
  const names = new Set<string>();
  if (on && typeof on === 'object' && !Array.isArray(on)) {
    for (const trigger of ['workflow_dispatch', 'workflow_call'] as const) {
      const inputs = (on as Record<string, { inputs?: Record<string, unknown> } | null>)[trigger]?.inputs;
      for (const name of Object.keys(inputs ?? {})) names.add(name);
    }
  }
  return names;
}

const repoPathPattern = /(?:^|[\s"'=(])((?:\.\/)?(?:scripts|fixtures|examples|docs|actions|policies|schema)\/[A-Za-z0-9_./-]+\.[A-Za-z0-9]+)/g;

/** Problems a workflow has that the parser does not see. */
export function workflowProblems(file: string, content: string): string[] {
  const problems: string[] = [];
  const wf = parse(content) as Workflow;
  const jobs = wf.jobs ?? {};
  const inputs = declaredInputs(wf.on);
  for (const expression of stringsIn(wf).flatMap(expressionsIn)) {
    for (const m of expression.matchAll(/\b(?<!\.)inputs\.([A-Za-z_][A-Za-z0-9_-]*)/g)) if (!inputs.has(m[1]!)) problems.push(`${file}: inputs.${m[1]} is used but not declared under on.workflow_dispatch/workflow_call`);
  }
  for (const [jobId, job] of Object.entries(jobs)) {
    const needs = job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
    for (const n of needs) if (!(n in jobs)) problems.push(`${file}: job ${jobId} needs unknown job ${n}`);
    for (const expression of stringsIn(job).flatMap(expressionsIn)) {
      for (const m of expression.matchAll(/\bneeds\.([A-Za-z_][A-Za-z0-9_-]*)\.outputs\.([A-Za-z_][A-Za-z0-9_-]*)/g)) {
        if (!needs.includes(m[1]!)) problems.push(`${file}: job ${jobId} reads needs.${m[1]} but does not need it`);
        else if (!(m[2]! in (jobs[m[1]!]?.outputs ?? {}))) problems.push(`${file}: job ${m[1]} has no output ${m[2]} (read by ${jobId})`);
      }
    }
    const steps = job.steps ?? [];
    const ids = new Set(steps.map((s) => s.id).filter(Boolean));
    for (const expression of [...stringsIn(steps), ...stringsIn(job.outputs ?? {})].flatMap(expressionsIn)) {
      for (const m of expression.matchAll(/\bsteps\.([A-Za-z_][A-Za-z0-9_-]*)\.outputs\.([A-Za-z_][A-Za-z0-9_-]*)/g)) {
        const step = steps.find((s) => s.id === m[1]);
        if (!ids.has(m[1]!)) { problems.push(`${file}: job ${jobId} reads steps.${m[1]} but no step has that id`); continue; }
        const own = step?.uses ? ownAction(step.uses) : undefined;
        if (own) {
          const outputs = actionDefinition(own.folder)?.outputs ?? {};
          if (!(m[2]! in outputs)) problems.push(`${file}: ${step!.uses} has no output ${m[2]}`);
        }
      }
    }
    for (const step of steps) {
      if (typeof step.uses === 'string') {
        const own = ownAction(step.uses);
        if (own) problems.push(...ownActionProblems(`${file}: job ${jobId}`, step.uses, own.folder, step.with ?? {}));
      }
      if (typeof step.run === 'string') {
        for (const m of step.run.matchAll(repoPathPattern)) if (!existsSync(join(repoRoot, m[1]!))) problems.push(`${file}: job ${jobId} runs ${m[1]}, which does not exist`);
      }
    }
  }
  return problems;
}

function actionDefinition(folder: string): { inputs?: Record<string, { required?: boolean; default?: unknown }>; outputs?: Record<string, unknown> } | undefined {
  const path = join(repoRoot, folder, 'action.yml');
  return existsSync(path) ? (parse(readFileSync(path, 'utf8')) as { inputs?: Record<string, { required?: boolean; default?: unknown }> }) : undefined;
}

/** A step using one of our actions: the folder exists, every `with:` key is an input, required inputs are given. */
export function ownActionProblems(where: string, uses: string, folder: string, given: Record<string, unknown>): string[] {
  const definition = actionDefinition(folder);
  if (!definition) return [`${where}: ${uses} names ${folder}/action.yml, which does not exist`];
  const inputs = definition.inputs ?? {};
  const problems = Object.keys(given).filter((k) => !(k in inputs)).map((k) => `${where}: ${uses} has no input ${k}`);
  for (const [name, input] of Object.entries(inputs)) {
    if (input.required === true && input.default === undefined && !(name in given)) problems.push(`${where}: ${uses} requires input ${name}`);
  }
  return problems;
}
