/**
 * ONNX files from pull requests are untrusted code for a native runtime: a fork's pull request must never run its
 * model on a self-hosted runner (which may hold credentials and persists between jobs). Pure decision over the event.
 */

/** The refusal message, or undefined when evaluating here is safe. */
export function forkGuard(event: { pull_request?: { head?: { repo?: { full_name?: string } | null }; base?: { repo?: { full_name?: string } } } }, runnerEnvironment: string | undefined): string | undefined {
  const pr = event.pull_request;
  if (!pr) return undefined;
  const head = pr.head?.repo?.full_name;
  const base = pr.base?.repo?.full_name;
  const fromFork = head === undefined || head !== base;
  if (fromFork && runnerEnvironment !== 'github-hosted') {
    return `refusing to evaluate a model from fork ${head ?? '(deleted repository)'} on a ${runnerEnvironment ?? 'unknown'} runner: run this job on a GitHub-hosted runner (runs-on: ubuntu-latest) for pull requests from forks`;
  }
  return undefined;
}
