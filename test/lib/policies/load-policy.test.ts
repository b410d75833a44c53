import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadInputError, InvalidDocumentError } from '../../../lib/errors.js';
import { assetPath } from '../../../lib/package-root.js';
import { loadPolicy, mergePolicies, policyNames, stageRule } from '../../../lib/policies/index.js';

async function repoWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-policies-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

test('the shipped tiers load, are valid and need more the riskier the tier', async () => {
  assert.deepEqual(await policyNames(), ['risk-high', 'risk-low', 'risk-medium']);
  const [low, medium, high] = await Promise.all(['risk-low', 'risk-medium', 'risk-high'].map((t) => loadPolicy(t)));
  for (const p of [low!, medium!, high!]) {
    assert.deepEqual(p.warnings, []);
    assert.deepEqual(p.sources, [{ origin: 'shipped', file: assetPath('policies', `${p.name}.yml`), name: p.name }]);
  }
  assert.deepEqual([low!, medium!, high!].map((p) => p.policy.approvals.required), [1, 1, 2]);
  assert.deepEqual(high!.policy.gates.map((g) => g.id), ['validation', 'no-open-drift', 'no-regression', 'slice-gap', 'latency-p95', 'model-size']);
  assert.deepEqual(stageRule(high!.policy, 'production'), { min_role: 'admin', required_reviewers: 2, min_soak: '72h', minSoakMs: 259_200_000, require_protection_rule: true });
  assert.deepEqual(stageRule(high!.policy, 'staging'), { min_role: 'write', required_reviewers: 1, min_soak: '1h', minSoakMs: 3_600_000, require_protection_rule: false });
});

test('a repository override extends the shipped tier: exact merged result', async () => {
  const repo = await repoWith({ '.github/mlops/policies/risk-high.yml': await (await import('node:fs/promises')).readFile(assetPath('examples/.github/mlops/policies/risk-high.yml'), 'utf8') });
  const p = await loadPolicy('risk-high', { repoRoot: repo });
  assert.deepEqual(p.sources.map((s) => s.origin), ['shipped', 'repo']);
  assert.equal(p.sources[1]!.file, join(repo, '.github/mlops/policies/risk-high.yml'));
  assert.deepEqual(p.policy.approvals, { required: 3, require_owner: true, dismiss_on_changes_requested: true });
  assert.deepEqual(
    p.policy.gates.map((g) => [g.id, g.enabled, g.metric ?? g.require, g.op ?? null, g.value ?? null]),
    [
      ['validation', true, 'validation_passed', null, null],
      ['no-open-drift', true, 'no_open_drift', null, null],
      ['no-regression', true, 'primary', null, null],
      ['slice-gap', true, 'primary', null, null],
      ['latency-p95', true, 'latency_p95_ms', '<=', 100],
      ['model-size', false, 'model_size_mb', '<=', 500],
      ['recall-floor', true, 'recall', '>=', 0.7],
    ],
  );
  assert.deepEqual(p.merged.promotion?.stages?.production, { min_role: 'admin', required_reviewers: 2, min_soak: '96h', require_protection_rule: true });
  assert.equal(p.merged.extends, undefined);
  // Positions of merged values point at the layer that set them.
  assert.deepEqual(p.locate(['gates', 4, 'value']), { file: join(repo, '.github/mlops/policies/risk-high.yml'), line: 10, col: 12, path: 'gates[0].value' });
  assert.equal(p.locate(['gates', 4, 'op']).file, assetPath('policies', 'risk-high.yml'));
  assert.equal(p.locate(['approvals', 'require_owner']).file, assetPath('policies', 'risk-high.yml'));
});

test('mergePolicies: maps deep-merge, rules merge by id, scalars and plain lists are replaced', () => {
  const merged = mergePolicies(
    { approvals: { required: 1, require_owner: true }, gates: [{ id: 'a', metric: 'f1', op: '>=', value: 0.5 }, { id: 'b', require: 'validation_passed' }], evidence: { required: ['validation', 'evaluation'] } },
    { extends: 'base', approvals: { required: 2 }, gates: [{ id: 'c', require: 'no_open_drift' }, { id: 'a', value: 0.7 }], evidence: { required: ['training'] } },
  );
  assert.deepEqual(merged, {
    approvals: { required: 2, require_owner: true },
    gates: [{ id: 'a', metric: 'f1', op: '>=', value: 0.7 }, { id: 'b', require: 'validation_passed' }, { id: 'c', require: 'no_open_drift' }],
    evidence: { required: ['training'] },
  });
});

test('an extends cycle is an error at the extends that closes it', async () => {
  const repo = await repoWith({
    '.github/mlops/policies/team-a.yml': 'extends: team-b\napprovals:\n  required: 2\n',
    '.github/mlops/policies/team-b.yml': '# b\nextends: ./team-a.yml\n',
  });
  await assert.rejects(loadPolicy('team-a', { repoRoot: repo }), (error: unknown) => {
    assert.ok(error instanceof InvalidDocumentError);
    const a = join(repo, '.github/mlops/policies/team-a.yml');
    const b = join(repo, '.github/mlops/policies/team-b.yml');
    assert.deepEqual(error.diagnostics.map((d) => [d.location.file, d.location.line, d.location.col, d.message]), [[b, 2, 10, `policy extends cycle: ${a} → ${b} → ${a}`]]);
    return true;
  });
});

test('a bad field in an override is reported at its file:line:col, with did-you-mean', async () => {
  const repo = await repoWith({ '.github/mlops/policies/risk-medium.yml': 'extends: risk-medium\npromotion:\n  stages:\n    production:\n      min_role: maintainer\n      min_soak: 2 days\n' });
  await assert.rejects(loadPolicy('risk-medium', { repoRoot: repo }), (error: unknown) => {
    assert.ok(error instanceof InvalidDocumentError);
    const file = join(repo, '.github/mlops/policies/risk-medium.yml');
    assert.deepEqual(error.diagnostics.map((d) => [d.location.file, `${d.location.line}:${d.location.col}`, d.message, d.hint]), [
      [file, '5:17', "'maintainer' is not one of: read, triage, write, maintain, admin", "did you mean 'maintain'?"],
      [file, '6:17', "'2 days' is not in the expected form", 'a duration: whole numbers with units d, h, m, s, largest first, e.g. 30m, 6h, 7d or 1h30m'],
    ]);
    return true;
  });
});

test('an incomplete rule of the merged policy is reported in the file that added it', async () => {
  const repo = await repoWith({ '.github/mlops/policies/strict.yml': 'extends: risk-low\ngates:\n  - id: validation\n    value: 3\n  - id: auc\n    metric: roc_auc\n    op: ">="\n  - id: auc\n    metric: f1\n' });
  await assert.rejects(loadPolicy('strict', { repoRoot: repo }), (error: unknown) => {
    assert.ok(error instanceof InvalidDocumentError);
    const file = join(repo, '.github/mlops/policies/strict.yml');
    assert.deepEqual(error.diagnostics.map((d) => [d.location.file === file, `${d.location.line}:${d.location.col}`, d.message]), [
      [true, '8:9', "duplicate rule id 'auc' (first defined at line 5)"],
    ]);
    return true;
  });
  const repo2 = await repoWith({ '.github/mlops/policies/strict.yml': 'extends: risk-low\ngates:\n  - id: validation\n    value: 3\n  - id: auc\n    metric: roc_auc\n    op: ">="\n' });
  await assert.rejects(loadPolicy('strict', { repoRoot: repo2 }), (error: unknown) => {
    assert.ok(error instanceof InvalidDocumentError);
    const file = join(repo2, '.github/mlops/policies/strict.yml');
    assert.deepEqual(error.diagnostics.map((d) => [d.location.file, `${d.location.line}:${d.location.col}`, d.message]), [
      [file, '3:5', "rule 'validation': the gate mixes the fields of absolute and requirement gates"],
      [file, '7:5', "rule 'auc': an absolute gate needs 'value' (the threshold)"],
    ]);
    return true;
  });
});

test('unknown names: the policy asked for, and one named by extends, with suggestions', async () => {
  await assert.rejects(loadPolicy('risk-hihg'), (error: unknown) => {
    assert.ok(error instanceof BadInputError && !(error instanceof InvalidDocumentError));
    assert.equal(error.message, "unknown policy 'risk-hihg'");
    assert.equal(error.hint, "did you mean 'risk-high'? (known policies: risk-high, risk-low, risk-medium)");
    return true;
  });
  const repo = await repoWith({ '.github/mlops/policies/team.yml': 'extends: risk-meduim\n' });
  await assert.rejects(loadPolicy('team', { repoRoot: repo }), (error: unknown) => {
    assert.ok(error instanceof InvalidDocumentError);
    assert.deepEqual(error.diagnostics.map((d) => [`${d.location.line}:${d.location.col}`, d.message, d.hint]), [['1:10', "extends names unknown policy 'risk-meduim'", "did you mean 'risk-medium'?"]]);
    return true;
  });
});

test('relative extends cannot leave the repository; readRepoFile reads through any source', async () => {
  const files: Record<string, string> = { '.github/mlops/policies/team.yml': 'extends: ../../../../etc/policy.yml\n' };
  const readRepoFile = async (path: string) => files[path];
  await assert.rejects(loadPolicy('team', { readRepoFile, listRepoPolicies: async () => ['team'] }), (error: unknown) => {
    assert.ok(error instanceof InvalidDocumentError);
    assert.deepEqual(error.diagnostics.map((d) => [d.location.file, d.message]), [['.github/mlops/policies/team.yml', "extends '../../../../etc/policy.yml' points outside the repository"]]);
    return true;
  });
  files['.github/mlops/policies/team.yml'] = 'extends: ./base/common.yml\napprovals: {required: 4}\n';
  files['.github/mlops/policies/base/common.yml'] = 'extends: risk-low\napprovals: {require_owner: true}\n';
  const p = await loadPolicy('team', { readRepoFile });
  assert.deepEqual(p.sources.map((s) => s.file), [assetPath('policies', 'risk-low.yml'), '.github/mlops/policies/base/common.yml', '.github/mlops/policies/team.yml']);
  assert.deepEqual(p.policy.approvals, { required: 4, require_owner: true, dismiss_on_changes_requested: true });
});
