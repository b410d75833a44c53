/**
 * Registration of a model version when its PR is merged: decide (evaluation check green, approvals valid on the head
 * SHA), then under the lock `register/<model>` plan from what GitHub holds, fetch and verify the bundle, render the
 * model card and lineage, write the release, and tell the PR. Safe to run twice: the release marker is the key.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedModel } from '../lib/config/types.js';
import { parseReport, type BundleManifest, type EvaluationReport, type ReportKind, type TrainingReport, type ValidationReport } from '../lib/contracts/index.js';
import { bumpFromLabels, decideRegistration } from '../lib/governance/index.js';
import {
  assetNameByRole, buildLineage, generatedRoles, modelCardView, planRegistration, publishedVersions, releaseNotes, type LineageAsset, type RegistryRelease,
} from '../lib/registry/index.js';
import { createTemplateRegistry } from '../lib/templates/index.js';
import type { AppDeps } from './deps.js';
import { upsertMarkedComment } from './github/comments.js';
import { fetchBundle, findEvaluationCheck } from './github/evaluation-source.js';
import { pullGovernance } from './github/pull-governance.js';
import { sha256 } from './github/registry-reader.js';
import { listRegistryReleases } from './github/registry-reader.js';
import { writeVersion, type Checkpoint } from './github/release-writer.js';
import { loadRepoPolicy } from './github/repo-settings.js';

/** What happened to one model of a merged PR. */
export type RegistrationOutcome =
  | { status: 'registered' | 'already-registered'; release: RegistryRelease }
  | { status: 'refused'; reasons: string[] };

/** The merged PR as the registration needs it. */
export interface MergedPull {
  number: number;
  merged: boolean;
  mergeSha: string;
  mergedAt: string;
}

const registrationLockMs = 5 * 60_000;

/** Registers `model`'s version for merged PR `pull` (or explains on the PR why not). */
export async function registerFromPullRequest(deps: AppDeps, pull: MergedPull, model: ResolvedModel, checkpoint?: Checkpoint): Promise<RegistrationOutcome> {
  const { gh, where } = deps;
  const policy = (await loadRepoPolicy(gh, where, model.promotion.policy)).policy;
  const gov = await pullGovernance(gh, where, pull.number, model, policy);
  const check = await findEvaluationCheck(gh, where, gov.headSha);
  const decision = decideRegistration({ merged: pull.merged, check, approvals: gov.approvals });
  if (!decision.register) {
    if (pull.merged) {
      await deps.locks.withLock(`comment/pr-${pull.number}/${model.name}`, 60_000, () =>
        upsertMarkedComment(gh, where, pull.number, `<!-- mlops:registration model=${model.name} -->`, `❌ **${model.name}** was not registered:\n${decision.reasons.map((r) => `- ${r}`).join('\n')}`),
      );
    }
    return { status: 'refused', reasons: decision.reasons };
  }
  const runId = check!.runId!;
  return deps.locks.withLock(`register/${model.name}`, registrationLockMs, async () => {
    const releases = await listRegistryReleases(gh, where, model.name);
    const existing = releases.find((r) => r.marker?.sha === pull.mergeSha && !r.draft);
    if (existing) return { status: 'already-registered', release: existing };
    const bundle = await fetchBundle(gh, where, model.name, runId);
    try {
      const read = async <K extends ReportKind>(role: string, kind: K) => {
        const entry = bundle.manifest.files.find((f) => f.role === role);
        return entry ? parseReport(await readFile(join(bundle.dir, entry.path), 'utf8'), `mlops-${model.name}/${entry.path}`, kind) : undefined;
      };
      const evaluation = (await read('evaluation', 'mlops/evaluation')) as EvaluationReport | undefined;
      const training = (await read('training', 'mlops/training')) as TrainingReport | undefined;
      const validation = (await read('validation', 'mlops/validation')) as ValidationReport | undefined;
      const { bump, reason: bumpReason } = bumpFromLabels(gov.labels);
      const version = planRegistration({ model: model.name, sha: pull.mergeSha, bump, releases, assets: [] }).version;
      const tag = `${model.name}/v${version}`;
      const parentRelease = publishedVersions(releases, model.name).find((r) => r.version !== version);
      const files = await bundleFiles(bundle.dir, bundle.manifest);
      const assets: LineageAsset[] = [...files.entries()].map(([name, f]) => ({ name, role: f.role, sha256: sha256(f.data), bytes: f.data.length }));
      const lineage = buildLineage({
        model: model.name, version, tag, createdAt: pull.mergedAt, repository: `${where.owner}/${where.repo}`, mergeSha: pull.mergeSha, headSha: gov.headSha,
        pullRequest: { number: gov.number, url: gov.url, author: gov.author, approvedBy: gov.approvals.approvedBy, ...(gov.mergedBy ? { mergedBy: gov.mergedBy } : {}) },
        manifest: bundle.manifest, ...(evaluation ? { evaluation } : {}), ...(training ? { training } : {}), ...(validation ? { validation } : {}),
        run: { id: runId, url: bundle.runUrl, checkRunId: check!.id, conclusion: check!.conclusion ?? 'unknown' },
        ...(parentRelease ? { parent: { version: parentRelease.version, tag: parentRelease.tag } } : {}),
        assets,
      });
      const card = await createTemplateRegistry().render('model-card', modelCardView({
        model: model.name, version, owner: model.owner, risk: model.risk, ...(model.evaluation?.primaryMetric ? { primaryMetric: model.evaluation.primaryMetric } : {}),
        slices: model.evaluation?.slices ?? [], ...(evaluation ? { evaluation } : {}), ...(training ? { training } : {}), lineage,
        links: { ...(parentRelease ? { parentUrl: parentRelease.url } : {}), pullRequestUrl: gov.url }, dependsOn: model.depends_on, generatedAt: pull.mergedAt, toolVersion: deps.toolVersion,
      }));
      const generated = new Map<string, Buffer>([[assetNameByRole['model-card'], Buffer.from(card)], [assetNameByRole.lineage, Buffer.from(`${JSON.stringify(lineage, null, 2)}\n`)]]);
      // lineage.json goes last: its presence on a draft means every other asset was uploaded and verified before it.
      const all = new Map<string, Buffer>([...[...files].map(([n, f]) => [n, f.data] as const), ...generated]);
      const wanted = [...all].map(([name, data]) => ({ name, sha256: sha256(data), bytes: data.length }));
      const plan = planRegistration({ model: model.name, sha: pull.mergeSha, bump, releases, assets: wanted });
      const notes = releaseNotes({
        marker: { model: model.name, version, sha: pull.mergeSha, pr: pull.number, run: runId },
        pullRequest: { number: gov.number, author: gov.author, approvedBy: gov.approvals.approvedBy, headSha: gov.headSha },
        evaluation: { runUrl: bundle.runUrl, conclusion: check!.conclusion ?? 'unknown' },
        assets: wanted.map((w) => ({ ...w, role: files.get(w.name)?.role ?? (w.name === 'lineage.json' ? 'lineage' : 'model-card') })),
        ...(parentRelease ? { parent: parentRelease.tag } : {}),
      });
      const release = await writeVersion(gh, where, { plan, targetSha: pull.mergeSha, name: `${model.name} v${version}`, notes, files: all, publish: model.promotion.auto_promote }, checkpoint);
      const next = model.promotion.auto_promote && model.promotion.stages[0] ? ` Published as a pre-release: promotion to **${model.promotion.stages[0].name}** is requested.` : ' It stays a draft until someone publishes it (pre-release → first stage, full release → production).';
      await deps.locks.withLock(`comment/pr-${pull.number}/${model.name}`, 60_000, () =>
        upsertMarkedComment(gh, where, pull.number, `<!-- mlops:registration model=${model.name} -->`, `📦 **${model.name}** registered as [\`${tag}\`](${release.url}) (${bumpReason}).${next}`),
      );
      return { status: 'registered', release };
    } finally {
      await bundle.dispose();
    }
  });
}

/** The bundle's files as release assets (fixed names by role), without the ones the app renders itself. */
async function bundleFiles(dir: string, manifest: BundleManifest): Promise<Map<string, { role: string; data: Buffer }>> {
  const out = new Map<string, { role: string; data: Buffer }>();
  for (const f of manifest.files) {
    if (generatedRoles.includes(f.role)) continue;
    const name = assetNameByRole[f.role];
    if (!out.has(name)) out.set(name, { role: f.role, data: await readFile(join(dir, f.path)) });
  }
  return out;
}
