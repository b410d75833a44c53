// Loads the composite actions (root action.yml + actions/*/action.yml) and runs their `run:` steps the way the
// Actions runner does, so the tests exercise the real YAML and scripts rather than a copy of them.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The repository root (this file lives in test/actions/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A step of a composite action, as action.yml declares it. */
export interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'working-directory'?: string;
  [key: string]: unknown;
}

/** The parts of action.yml the tests look at. */
export interface ActionDefinition {
  name?: string;
  description?: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description?: string; value?: string }>;
  runs?: { using?: string; steps?: ActionStep[] };
}

/** One action.yml: where it is and what it says. */
export interface LoadedAction {
  /** Path relative to the repository root, e.g. `actions/config-check/action.yml`. */
  file: string;
  /** Absolute folder of the action: what the runner sets as GITHUB_ACTION_PATH. */
  dir: string;
  definition: ActionDefinition;
  steps: ActionStep[];
}

/** The folder of the shared installer under actions/: not a command. */
export const setupFolder = 'setup';

/** Command names: the folders under actions/ that hold an action.yml, minus the shared installer, sorted. */
export function commandFolders(): string[] {
  return readdirSync(join(repoRoot, 'actions'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== setupFolder && existsSync(join(repoRoot, 'actions', e.name, 'action.yml')))
    .map((e) => e.name)
    .sort();
}

/** Parses one action.yml (path relative to the repository root). */
export function loadAction(file: string): LoadedAction {
  const definition = parse(readFileSync(join(repoRoot, file), 'utf8')) as ActionDefinition;
  return { file, dir: dirname(join(repoRoot, file)), definition, steps: definition.runs?.steps ?? [] };
}

/** The umbrella action.yml and every actions/<name>/action.yml, the installer included. */
export function loadAllActions(): LoadedAction[] {
  return ['action.yml', ...[setupFolder, ...commandFolders()].sort().map((name) => `actions/${name}/action.yml`)].map(loadAction);
}

/**
 * How a step's script names the package root: `$GITHUB_ACTION_PATH/` for the umbrella (its action path is the root),
 * `$GITHUB_ACTION_PATH/../../` for actions/<name>/. Steps compared across actions are compared with this replaced.
 */
export function rootPrefix(action: LoadedAction): string {
  const up = relative(action.dir, repoRoot);
  return up === '' ? '$GITHUB_ACTION_PATH/' : `$GITHUB_ACTION_PATH/${up}/`;
}

/** A step with its package-root prefix replaced by a marker, so the same step from two actions compares equal. */
export function normalizeStep(step: ActionStep, prefix: string): ActionStep {
  return JSON.parse(JSON.stringify(step).split(prefix).join('<package-root>/')) as ActionStep;
}

/** The text inside every `${{ … }}` of a string. */
export function expressionsIn(text: string): string[] {
  return [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1]!.trim());
}

/** Every string value anywhere inside a YAML value. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** Input names an expression reads (`inputs.name`). */
export function inputsReadBy(expression: string): string[] {
  return [...expression.matchAll(/\binputs\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1]!);
}

/** Every expression of an action: `${{ … }}` anywhere, plus each step's `if:`, which is an expression without them. */
export function actionExpressions(action: LoadedAction): string[] {
  const conditions = action.steps.flatMap((s) => (typeof s.if === 'string' && !s.if.includes('${{') ? [s.if] : []));
  return [...stringsIn(action.definition).flatMap(expressionsIn), ...conditions];
}

/** Script files a `run:` calls as `"$GITHUB_ACTION_PATH/…"`, resolved against the action's folder. */
export function scriptsCalledBy(action: LoadedAction, run: string): string[] {
  return [...run.matchAll(/"\$GITHUB_ACTION_PATH\/([^"$]+)"/g)].map((m) => resolve(action.dir, m[1]!));
}

/** The runner's evaluation of the only expression form our `env:` and `working-directory:` use: `${{ inputs.x }}`. */
export function evaluate(value: string, action: LoadedAction, inputs: Record<string, string>): string {
  if (!value.includes('${{')) return value;
  const m = /^\$\{\{\s*inputs\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}$/.exec(value);
  if (!m) throw new Error(`test runner cannot evaluate ${JSON.stringify(value)}`);
  const name = m[1]!;
  return inputs[name] ?? action.definition.inputs?.[name]?.default ?? '';
}

/** What a step run left behind. */
export interface StepResult {
  status: number;
  stdout: string;
  stderr: string;
  /** What the step wrote to $GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** What the step wrote to $GITHUB_STEP_SUMMARY. */
  summary: string;
}

/** Options of a step run: input values, the workspace, and extra environment (e.g. a PATH with fake tools). */
export interface RunOptions {
  inputs?: Record<string, string>;
  workspace?: string;
  env?: Record<string, string>;
  /** The action path to run with, when not the action's own folder (e.g. a copy in a temp folder). */
  actionPath?: string;
}

/**
 * Runs one `run:` step as the runner does for `shell: bash`: the script in a file, `bash --noprofile --norc -eo
 * pipefail FILE`, the step's `env:` evaluated from the inputs, cwd = workspace/working-directory, and the
 * GITHUB_ACTION_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY files.
 */
export function runStep(action: LoadedAction, step: ActionStep, options: RunOptions = {}): StepResult {
  const run = prepareStep(action, step, options);
  try {
    const result = spawnSync('bash', run.args, { cwd: run.cwd, encoding: 'utf8', env: run.env });
    return run.finish(result.status ?? -1, result.stdout, result.stderr);
  } finally {
    run.cleanup();
  }
}

/**
 * `runStep` without blocking the event loop, for steps that talk to a sandbox running in this same process (a
 * synchronous spawn would freeze the emulators the step is calling).
 */
export async function runStepAsync(action: LoadedAction, step: ActionStep, options: RunOptions = {}): Promise<StepResult> {
  const run = prepareStep(action, step, options);
  try {
    const child = spawn('bash', run.args, { cwd: run.cwd, env: run.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'close')) as [number | null];
    return run.finish(code ?? -1, stdout, stderr);
  } finally {
    run.cleanup();
  }
}

function prepareStep(action: LoadedAction, step: ActionStep, options: RunOptions) {
  if (typeof step.run !== 'string' || step.shell !== 'bash') throw new Error(`step ${step.name} is not a bash run step`);
  const inputs = options.inputs ?? {};
  const workspace = options.workspace ?? repoRoot;
  const temp = mkdtempSync(join(tmpdir(), 'gh-mlops-step-'));
  const script = join(temp, 'step.sh');
  const output = join(temp, 'output');
  const summary = join(temp, 'summary');
  writeFileSync(script, step.run);
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v), action, inputs)]));
  return {
    args: ['--noprofile', '--norc', '-eo', 'pipefail', script],
    cwd: resolve(workspace, evaluate(step['working-directory'] ?? '.', action, inputs)),
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? temp,
      TMPDIR: tmpdir(),
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION_PATH: options.actionPath ?? action.dir,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      ...options.env,
      ...stepEnv,
    },
    finish: (status: number, stdout: string, stderr: string): StepResult => ({
      status,
      stdout,
      stderr,
      outputs: parseOutputFile(readFileSync(output, 'utf8')),
      summary: readFileSync(summary, 'utf8'),
    }),
    cleanup: () => rmSync(temp, { recursive: true, force: true }),
  };
}

/** Reads a $GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` blocks, as the runner does. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]!);
      outputs[heredoc[1]!] = body.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

/** The step with this id, or a clear failure. */
export function stepById(action: LoadedAction, id: string): ActionStep {
  const step = action.steps.find((s) => s.id === id);
  if (!step) throw new Error(`${action.file} has no step with id ${id}`);
  return step;
}
