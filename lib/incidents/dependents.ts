/**
 * Model dependencies (`depends_on`): when an upstream model is promoted or drifts, the models that consume it are told
 * (a notice to each dependent's owner) and, when their config asks, re-evaluated against the new upstream — so a
 * cascade is seen before it breaks production. Transitive: a dependent's dependents are affected too.
 */

/** A model as far as dependencies go. */
export interface DependencyNode {
  name: string;
  owner: string;
  depends_on: string[];
}

/** One affected model and the path that reaches it (`churn → retention-offer → pricing`). */
export interface AffectedModel {
  name: string;
  owner: string;
  path: string[];
}

/** Models that depend on `upstream`, directly or not, breadth first (each once; cycles cannot loop). */
export function dependentsOf(models: DependencyNode[], upstream: string): AffectedModel[] {
  const out: AffectedModel[] = [];
  const seen = new Set([upstream]);
  let frontier: AffectedModel[] = [{ name: upstream, owner: '', path: [upstream] }];
  while (frontier.length > 0) {
    const next: AffectedModel[] = [];
    for (const from of frontier) {
      for (const m of models) {
        if (seen.has(m.name) || !m.depends_on.includes(from.name)) continue;
        seen.add(m.name);
        const hit = { name: m.name, owner: m.owner, path: [...from.path, m.name] };
        out.push(hit);
        next.push(hit);
      }
    }
    frontier = next;
  }
  return out;
}

/** Title of the notice a dependent's owner gets about its upstream. */
export function upstreamNoticeTitle(dependent: string, upstream: string): string {
  return `Upstream changed: ${upstream} → ${dependent}`;
}

/** The hidden marker that finds the notice again (one open notice per dependent and upstream). */
export function upstreamNoticeMarker(dependent: string, upstream: string): string {
  return `<!-- mlops:upstream-notice model=${encodeURIComponent(dependent)} upstream=${encodeURIComponent(upstream)} -->`;
}
