/**
 * Starts a workflow through `workflow_dispatch`, which takes a branch or tag, never a SHA: callers pass the commit
 * they mean as the `sha` input, and the workflow's job fails when its checkout differs (docs/workflows/retrain.yml).
 * The workflow file is read first: a workflow without a `workflow_dispatch` trigger or without the inputs we rely on
 * is refused with a sentence saying what to add, and only declared inputs are sent (GitHub answers 422 to others).
 */
import { parse } from 'yaml';
import { isHttpStatus, type GitHub, type RepoRef } from '../github/client.js';
import { readRepoText } from '../github/repo-settings.js';

/** What to dispatch. */
export interface DispatchRequest {
  /** File name in `.github/workflows/`. */
  workflow: string;
  /** Branch (or tag) to run on. */
  ref: string;
  inputs: Record<string, string>;
  /** Inputs the workflow must declare (e.g. `sha`). */
  required: string[];
}

/** The outcome: the run that started (when GitHub says), or why nothing was dispatched. */
export type DispatchOutcome = { ok: true; runId?: number; runUrl: string; inputs: string[] } | { ok: false; reason: string };

/** The `workflow_dispatch` input names a workflow file declares, or undefined when it has no such trigger. */
export function declaredInputs(text: string): string[] | undefined {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return undefined;
  }
  const on = (doc as { on?: unknown } | null)?.on;
  if (on === 'workflow_dispatch') return [];
  if (Array.isArray(on)) return on.includes('workflow_dispatch') ? [] : undefined;
  if (!on || typeof on !== 'object' || !('workflow_dispatch' in on)) return undefined;
  const inputs = (on as { workflow_dispatch?: { inputs?: Record<string, unknown> } | null }).workflow_dispatch?.inputs;
  return inputs && typeof inputs === 'object' ? Object.keys(inputs) : [];
}

/** Dispatches `req.workflow` on `req.ref`. */
export async function dispatchWorkflow(gh: GitHub, where: RepoRef, req: DispatchRequest): Promise<DispatchOutcome> {
  const path = `.github/workflows/${req.workflow}`;
  const text = await readRepoText(gh, where, path, req.ref);
  if (text === undefined) return { ok: false, reason: `\`${path}\` does not exist on \`${req.ref}\`` };
  const declared = declaredInputs(text);
  if (declared === undefined) return { ok: false, reason: `\`${path}\` has no \`workflow_dispatch\` trigger` };
  const missing = req.required.filter((i) => !declared.includes(i));
  if (missing.length > 0) return { ok: false, reason: `\`${path}\` must declare the workflow_dispatch input(s) ${missing.map((m) => `\`${m}\``).join(', ')} (see docs/chatops.md)` };
  const inputs = Object.fromEntries(Object.entries(req.inputs).filter(([k]) => declared.includes(k)));
  try {
    const res = await gh.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', { ...where, workflow_id: req.workflow, ref: req.ref, inputs, return_run_details: true } as never);
    const data = (res as { status: number; data?: { workflow_run_id?: number; html_url?: string } }).data;
    const runs = `https://github.com/${where.owner}/${where.repo}/actions/workflows/${req.workflow}`;
    return { ok: true, ...(data?.workflow_run_id ? { runId: data.workflow_run_id } : {}), runUrl: data?.html_url ?? runs, inputs: Object.keys(inputs) };
  } catch (error) {
    if (isHttpStatus(error, 422, 404)) return { ok: false, reason: `GitHub refused to dispatch \`${req.workflow}\` on \`${req.ref}\`: ${(error as Error).message}` };
    throw error;
  }
}
