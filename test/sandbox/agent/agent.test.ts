/**
 * The job agent end to end: a dispatched two-job pipeline on hosted labels runs for real (bash steps, file commands,
 * a local composite action, artifacts up and down, `mlops artifact upload` inside a job, a failing step followed by
 * `if: always()` / `if: failure()` steps), and the emulator reports it through the REST API like GitHub.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { runCli } from '../../../cli/program.js';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { loadOpenApi } from '../github/openapi-checker.js';
import { octokitFor } from '../github/helpers.js';
import { commitFiles, mlopsBinDir, owner, repo, waitFor } from './agent-fixtures.js';

const PIPELINE = `name: Pipeline
on:
  workflow_dispatch:
    inputs:
      model:
        type: string
        default: churn
env:
  STAGE: ci
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      MODEL: \${{ inputs.model }}
    outputs:
      version: \${{ steps.meta.outputs.version }}
      greeting: \${{ steps.greet.outputs.greeting }}
    steps:
      - uses: actions/checkout@v4
      - name: Meta
        id: meta
        run: |
          echo "hello $MODEL from $STAGE on $GITHUB_REPOSITORY"
          test "$GITHUB_ACTIONS/$CI/$RUNNER_OS/$GITHUB_JOB/$GITHUB_EVENT_NAME" = "true/true/Linux/build/workflow_dispatch"
          test "$(node -p 'require(process.env.GITHUB_EVENT_PATH).inputs.model')" = churn
          test -z "\${GITHUB_TOKEN:-}"
          ./scripts/hello.sh
          echo "version=1.2.3" >> "$GITHUB_OUTPUT"
          echo "## Build of $MODEL" >> "$GITHUB_STEP_SUMMARY"
          echo "FROM_ENV_FILE=carried" >> "$GITHUB_ENV"
      - name: Token works
        env:
          TOKEN: \${{ github.token }}
        run: |
          node -e "fetch(process.env.GITHUB_API_URL + '/repos/' + process.env.GITHUB_REPOSITORY + '/actions/runs/' + process.env.GITHUB_RUN_ID, { headers: { authorization: 'token ' + process.env.TOKEN } }).then((r) => process.exit(r.status === 200 ? 0 : 1))"
      - name: Greet
        id: greet
        uses: ./actions/greet
        with:
          who: \${{ inputs.model }}
      - name: Write files
        working-directory: out
        run: |
          echo "model=\${{ steps.meta.outputs.version }} $FROM_ENV_FILE" > model.txt
          echo "\${{ steps.greet.outputs.greeting }}" > greeting.txt
      - uses: actions/upload-artifact@v4
        with:
          name: model
          path: out/
      - name: Upload with mlops
        run: mlops artifact upload --name report out/greeting.txt
      - uses: actions/cache@v4
        with:
          path: ~/.cache
          key: k1
      - uses: some/other-action@v1
  test:
    needs: build
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/download-artifact@v4
        with:
          name: model
          path: got
      - name: Check
        run: |
          test "$(cat got/model.txt)" = "model=1.2.3 carried"
          test "\${{ needs.build.outputs.version }}" = 1.2.3
          test "$(cat got/greeting.txt)" = "Hello, churn"
      - name: Fails
        run: exit 3
      - name: After failure
        run: echo never
      - name: Always
        if: always()
        run: echo "cleanup ran"
      - name: On failure
        if: \${{ failure() }}
        run: echo "failure handler ran"
      - name: Only churn
        if: inputs.model == 'churn'
        run: echo never
`;

const GREET = `name: Greet
inputs:
  who:
    required: true
  greeting:
    default: Hello
outputs:
  greeting:
    value: \${{ steps.say.outputs.text }}
runs:
  using: composite
  steps:
    - id: say
      shell: bash
      env:
        WHO: \${{ inputs.who }}
      run: |
        test -z "\${INPUT_WHO:-}"
        test -f "$GITHUB_ACTION_PATH/action.yml"
        echo "text=\${{ inputs.greeting }}, $WHO" >> "$GITHUB_OUTPUT"
`;

const openapi = loadOpenApi();
let sandbox: Sandbox;
let bin: string;
before(async () => {
  bin = mlopsBinDir();
  sandbox = await startSandbox({ agent: { env: { PATH: `${bin}:${process.env.PATH}` } } });
});
after(async () => {
  await sandbox.close();
  rmSync(bin, { recursive: true, force: true });
});

test('a dispatched pipeline runs on the hosted runner: steps, outputs, composite action, artifacts, failure handling', async () => {
  const checker = openapi.createChecker();
  const dave = checker.wrap(octokitFor(sandbox, 'dave'));
  await commitFiles(dave, {
    '.github/workflows/pipeline.yml': PIPELINE,
    'actions/greet/action.yml': GREET,
    'scripts/hello.sh': { text: '#!/bin/sh\necho "hello from an executable script"\n', mode: '100755' },
    'out/.keep': '',
  });
  const dispatched = await dave.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'pipeline.yml', ref: 'main', return_run_details: true });
  const runId = (dispatched.data as unknown as { workflow_run_id: number }).workflow_run_id;
  const run = await waitFor('the run to complete', async () => {
    const r = (await dave.rest.actions.getWorkflowRun({ owner, repo, run_id: runId })).data;
    return r.status === 'completed' ? r : undefined;
  });
  const world = sandbox.githubEmulator.world();
  const jobs = (await dave.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId })).data.jobs;
  const logOf = (name: string) => world.actions.jobs.find((j) => j.name === name)?.log ?? '';
  assert.deepEqual(jobs.map((j) => [j.name, j.conclusion, j.runner_name?.startsWith('GitHub Actions')]), [['build', 'success', true], ['test', 'failure', true]], logOf('build') + logOf('test'));
  assert.equal(run.conclusion, 'failure');

  const steps = (i: number) => jobs[i]!.steps!.map((s) => [s.number, s.name, s.status, s.conclusion]);
  assert.deepEqual(steps(0), [
    [1, 'Run actions/checkout@v4', 'completed', 'success'],
    [2, 'Meta', 'completed', 'success'],
    [3, 'Token works', 'completed', 'success'],
    [4, 'Greet', 'completed', 'success'],
    [5, 'Write files', 'completed', 'success'],
    [6, 'Run actions/upload-artifact@v4', 'completed', 'success'],
    [7, 'Upload with mlops', 'completed', 'success'],
    [8, 'Run actions/cache@v4', 'completed', 'success'],
    [9, 'Run some/other-action@v1', 'completed', 'skipped'],
  ]);
  assert.deepEqual(steps(1), [
    [1, 'Run actions/download-artifact@v4', 'completed', 'success'],
    [2, 'Check', 'completed', 'success'],
    [3, 'Fails', 'completed', 'failure'],
    [4, 'After failure', 'completed', 'skipped'],
    [5, 'Always', 'completed', 'success'],
    [6, 'On failure', 'completed', 'success'],
    [7, 'Only churn', 'completed', 'skipped'],
  ]);
  assert.deepEqual(world.actions.jobs.find((j) => j.name === 'build')!.outputs, { version: '1.2.3', greeting: 'Hello, churn' });
  const buildLog = logOf('build');
  assert.match(buildLog, /hello churn from ci on acme\/churn-model\n/);
  assert.match(buildLog, /hello from an executable script\n/);
  assert.match(buildLog, /## Build of churn/);
  assert.match(buildLog, /Cache not found for input keys: k1/);
  assert.match(buildLog, /Skipped some\/other-action@v1: third-party actions are not run in the sandbox/);
  assert.match(logOf('test'), /cleanup ran\n[\s\S]*failure handler ran\n/);
  assert.match(logOf('test'), /##\[error\]Process completed with exit code 3\./);
  assert.equal(world.tokens.filter((t) => t.kind === 'installation' && t.expires_at !== null && t.expires_at > sandbox.clock.now() + 3_600_000).length, 0, 'job tokens are revoked');

  // Artifacts: one from actions/upload-artifact (folder contents at the root), one from `mlops artifact upload`.
  const artifacts = (await dave.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: runId })).data.artifacts;
  assert.deepEqual(artifacts.map((a) => a.name).sort(), ['model', 'report']);
  const model = world.actions.artifacts.find((a) => a.name === 'model')!;
  assert.deepEqual(Object.keys(unzipSync(model.zip)).sort(), ['.keep', 'greeting.txt', 'model.txt']);
  assert.equal(strFromU8(unzipSync(model.zip)['model.txt']!), 'model=1.2.3 carried\n');

  // `mlops artifact download` from outside, through the REST API.
  const dir = mkdtempSync(join(tmpdir(), 'mlops-dl-'));
  const out: string[] = [];
  const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t), verbose: false };
  const env = { GITHUB_API_URL: sandbox.github, GITHUB_TOKEN: sandbox.tokens.dave!, GITHUB_REPOSITORY: `${owner}/${repo}` };
  const code = await runCli(['artifact', 'download', '--name', 'report', '--run-id', String(runId), '--dir', dir, '--json'], { io, cwd: dir, env });
  assert.equal(code, 0, out.join('\n'));
  assert.deepEqual(JSON.parse(out[0]!).files, ['greeting.txt']);
  assert.equal(readFileSync(join(dir, 'greeting.txt'), 'utf8'), 'Hello, churn\n');
  rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(checker.failures, []);
});

const PR_CHECK = `name: PR check
on:
  pull_request:
    paths: [models/**]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - name: Event
        env:
          TOKEN: \${{ github.token }}
        run: |
          event() { node -p "require(process.env.GITHUB_EVENT_PATH).$1"; }
          test "$GITHUB_EVENT_NAME/$(event action)/$(event pull_request.head.sha)" = "pull_request/opened/$GITHUB_SHA"
          test "$GITHUB_HEAD_REF/$GITHUB_BASE_REF/$GITHUB_REF" = "exp-agent/main/refs/pull/$(event number)/merge"
          test "\${{ github.event.pull_request.title }}" = "Retrain in CI"
          test -f models/churn.yml
          echo "pr=$(event number)"
          node -e "fetch(process.env.GITHUB_API_URL + '/repos/' + process.env.GITHUB_REPOSITORY + '/contents/from-job.txt', { method: 'PUT', headers: { authorization: 'token ' + process.env.TOKEN, 'content-type': 'application/json' }, body: JSON.stringify({ message: 'from a job', content: Buffer.from('job').toString('base64'), branch: 'main' }) }).then((r) => process.exit(r.status === 201 ? 0 : 1))"
`;
const ON_PUSH = `name: On push
on:
  push:
    branches: [main]
jobs:
  noop:
    runs-on: ubuntu-latest
    steps:
      - run: echo pushed
`;

test('a pull request runs its workflow on the hosted runner with the pull_request payload; the job token push starts nothing', async () => {
  const dave = octokitFor(sandbox, 'dave');
  await commitFiles(dave, { '.github/workflows/pr-check.yml': PR_CHECK, '.github/workflows/on-push.yml': ON_PUSH });
  const opened = await sandbox.actAs({ user: 'dave', action: 'open-pull-request', head: 'exp-agent', title: 'Retrain in CI', files: { 'models/churn.yml': 'lr: 0.1\n' } });
  assert.equal(opened.status, 201);
  const pull = opened.body as { number: number; head: { sha: string } };
  const runsOf = async (name: string) => (await dave.rest.actions.listWorkflowRunsForRepo({ owner, repo })).data.workflow_runs.filter((r) => r.name === name);
  const run = await waitFor('the PR run to complete', async () => {
    const [r] = await runsOf('PR check');
    return r?.status === 'completed' ? r : undefined;
  });
  const [job] = (await dave.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: run.id })).data.jobs;
  const logs = await dave.rest.actions.downloadJobLogsForWorkflowRun({ owner, repo, job_id: job!.id, request: { redirect: 'manual' } });
  const log = await (await fetch(String(logs.headers.location))).text();
  assert.deepEqual([run.event, run.head_sha, run.conclusion], ['pull_request', pull.head.sha, 'success'], log);
  assert.match(log, new RegExp(`\\npr=${pull.number}\\n`));
  // The job's push landed on main, but only dave's own push ran `On push`.
  assert.ok((await dave.rest.repos.getContent({ owner, repo, path: 'from-job.txt' })).data);
  assert.deepEqual((await runsOf('On push')).map((r) => r.actor?.login), ['dave']);
});
