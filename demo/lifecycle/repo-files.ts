/**
 * What the demo's repository (acme/churn-model in the sandbox) carries, as a team adopting gh-mlops would commit it:
 * `.github/mlops.yml`, CODEOWNERS, the workflows (validate on data PRs; train on a GPU runner then evaluate on model
 * PRs; scheduled monitoring; retraining on request), the training scripts and the data schema. The workflows call the
 * shipped action scripts (`$MLOPS_HOME/actions/<name>/run.sh`, what `uses: …/actions/<name>@v1` runs) and the `mlops`
 * CLI; the sandbox's job agent runs them.
 */

/** The repository config: churn, owned by @bob, risk medium, staging → production, drift opens an issue. */
export const MLOPS_YML = `version: 1
models:
  - name: churn
    owner: "@bob"
    risk: medium
    paths: [models/churn/**]
    data:
      paths: [data/churn/*.csv]
      schema: data/churn/schema.yml
    training:
      command: bash models/churn/train.sh
    evaluation:
      model: model.onnx
      data: data/churn/test.csv
      target: churned
      task: binary
      positive_label: 1
      slices: [plan, region]
      metrics: [roc_auc, f1, log_loss]
    promotion:
      stages:
        - name: staging
        - name: production
      required_approvals: 1
      auto_promote: true
    monitoring:
      schedule: "0 6 * * *"
      source: { path: data/churn/live.csv }
      baseline: data/churn/baseline.profile.json
      on_drift: issue
      close_after_clean_windows: 1
      retrain_workflow: retrain.yml
`;

export const CODEOWNERS = 'models/churn/** @bob\ndata/churn/** @bob\n';

/** Pull requests that change data are validated; the step's annotations mark the offending lines. */
export const VALIDATE_YML = `name: Validate data
on:
  pull_request:
    paths: [data/**]
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: validate
        name: mlops validate
        run: '"$MLOPS_HOME/actions/validate/run.sh"'
        env:
          INPUT_DATA: data/churn/train.csv
          INPUT_SCHEMA: data/churn/schema.yml
          INPUT_REPORT_PATH: mlops-validation.json
      - name: Commit status
        if: always()
        env:
          TOKEN: \${{ github.token }}
          SHA: \${{ github.event.pull_request.head.sha }}
          STATE: \${{ steps.validate.outcome == 'success' && 'success' || 'failure' }}
        run: node .github/scripts/commit-status.mjs "$SHA" "$STATE" "mlops / validation" "data/churn/train.csv against data/churn/schema.yml"
`;

/**
 * Model PRs: train on an ephemeral EC2 GPU runner (label churn-gpu; a Spot interruption fails the attempt after the
 * checkpoint is saved, and "re-run failed jobs" resumes from it), then evaluate against the production champion
 * (before the first version: the legacy baseline model), gate, publish, and hand the registry its bundle.
 */
export const TRAIN_YML = `name: Train
on:
  pull_request:
    paths: [models/churn/**]
jobs:
  train:
    runs-on: [self-hosted, churn-gpu]
    env:
      GITHUB_TOKEN: \${{ github.token }}
    steps:
      - uses: actions/checkout@v4
      - name: Restore the checkpoint of the interrupted attempt
        if: github.run_attempt != '1'
        run: mlops artifact download --name mlops-checkpoint --dir ckpt
      - name: Train
        run: >-
          mlops train --report mlops-training.json --params-file models/churn/params.yml --checkpoint-dir ckpt
          --artifact model.onnx --interruptions $((GITHUB_RUN_ATTEMPT - 1)) --nvidia-smi "$MLOPS_HOME/fixtures/bin/nvidia-smi"
          --spot-poll 100 --gpu-interval 250 --no-python -- bash models/churn/train.sh
      - name: Save the checkpoint
        if: failure()
        run: mlops artifact upload --name mlops-checkpoint ckpt
      - name: Upload the candidate
        run: mlops artifact upload --name mlops-training model.onnx mlops-training.json
  evaluate:
    needs: train
    runs-on: ubuntu-latest
    env:
      GITHUB_TOKEN: \${{ github.token }}
    steps:
      - uses: actions/checkout@v4
      - name: Challenger
        run: mlops artifact download --name mlops-training --dir candidate
      - id: champion
        name: Champion
        run: |
          if mlops registry pull churn@production --dir champion >&2; then echo "model=champion/model.onnx"; else echo "model=models/churn/baseline.onnx"; fi >> "$GITHUB_OUTPUT"
      - name: Validate the evaluation data and profile the training data
        run: |
          mlops validate --data data/churn/test.csv --schema data/churn/schema.yml --report validation.json
          bash models/churn/training-data.sh > training-data.csv
          mlops profile --data training-data.csv --out training-profile.json
      - name: mlops evaluate and gate
        run: '"$MLOPS_HOME/actions/evaluate/run.sh"'
        env:
          INPUT_MODEL: candidate/model.onnx
          INPUT_CHAMPION: \${{ steps.champion.outputs.model }}
          INPUT_DATA: data/churn/test.csv
          INPUT_TARGET: churned
          INPUT_SLICES: plan,region
          INPUT_POLICY: risk-medium
          INPUT_VALIDATION_REPORT: validation.json
          INPUT_NAME: churn
          INPUT_BOOTSTRAP: "500"
          INPUT_TOKEN: \${{ github.token }}
      - name: Bundle for the registry
        run: |
          mlops bundle --model churn --dir bundle model=candidate/model.onnx evaluation=mlops-evaluation.json \\
            validation=validation.json training=candidate/mlops-training.json training-profile=training-profile.json
          mlops artifact upload --name mlops-churn bundle
`;

/** Scheduled monitoring of the production version: its training profile against the latest live window. */
export const MONITOR_YML = `name: Monitor
on:
  schedule:
    - cron: "0 6 * * *"
jobs:
  monitor:
    runs-on: ubuntu-latest
    env:
      GITHUB_TOKEN: \${{ github.token }}
    steps:
      - uses: actions/checkout@v4
      - name: Baseline of the production version
        run: mlops registry pull churn@production --dir production
      - name: mlops monitor
        run: '"$MLOPS_HOME/actions/monitor/run.sh"'
        env:
          INPUT_BASELINE_PROFILE: production/training-profile.json
          INPUT_CURRENT_DATA: data/churn/live.csv
          INPUT_MODEL_NAME: churn
          INPUT_TOKEN: \${{ github.token }}
`;

/**
 * Retraining on request (\`/mlops retrain\`, or drift with on_drift: retrain): proposes the fresh data — the live window
 * joins the training data — on \`mlops/retrain/<model>/<run id>\`; the app opens the PR when the run succeeds, and the
 * PR's Train run trains it on a GPU runner like any model change.
 */
export const RETRAIN_YML = `name: Retrain
on:
  workflow_dispatch:
    inputs:
      sha: { description: Commit to retrain from, required: true }
      model: { description: Model, required: true }
      reason: { description: Why, required: false, default: "" }
      incident: { description: Drift issue, required: false, default: "" }
jobs:
  refresh:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Propose the fresh training data
        # Inputs reach the script as environment variables, never as \${{ }} text in it: no injection.
        env:
          TOKEN: \${{ github.token }}
          SHA: \${{ inputs.sha }}
          BRANCH: mlops/retrain/\${{ inputs.model }}/\${{ github.run_id }}
          REASON: \${{ inputs.reason }}
        run: |
          test "$GITHUB_SHA" = "$SHA"
          node .github/scripts/propose-branch.mjs "$BRANCH" "$SHA" models/churn/training-data.txt \\
            "Retrain churn on fresh data ($REASON)" data/churn/train.csv data/churn/live.csv
`;

/** A commit status through the REST API (what a workflow would do with curl or gh; node is what every runner has). */
export const COMMIT_STATUS_MJS = `// node commit-status.mjs <sha> <state> <context> <description>  (env TOKEN, GITHUB_API_URL, GITHUB_REPOSITORY)
const [sha, state, context, description] = process.argv.slice(2);
const res = await fetch(\`\${process.env.GITHUB_API_URL}/repos/\${process.env.GITHUB_REPOSITORY}/statuses/\${sha}\`, {
  method: 'POST',
  headers: { authorization: \`Bearer \${process.env.TOKEN}\`, 'content-type': 'application/json' },
  body: JSON.stringify({ state, context, description: \`\${description}: \${state}\` }),
});
if (!res.ok) throw new Error(\`POST statuses answered \${res.status}: \${await res.text()}\`);
`;

/** Creates a branch at a commit and rewrites one file on it (one line per argument) through the REST API. */
export const PROPOSE_BRANCH_MJS = `// node propose-branch.mjs <branch> <sha> <path> <message> <line>…  (env TOKEN, GITHUB_API_URL, GITHUB_REPOSITORY)
const [branch, sha, path, message, ...lines] = process.argv.slice(2);
const api = \`\${process.env.GITHUB_API_URL}/repos/\${process.env.GITHUB_REPOSITORY}\`;
const headers = { authorization: \`Bearer \${process.env.TOKEN}\`, 'content-type': 'application/json' };
async function call(method, url, body) {
  const res = await fetch(url, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!res.ok) throw new Error(\`\${method} \${url} answered \${res.status}: \${await res.text()}\`);
  return res.json();
}
await call('POST', \`\${api}/git/refs\`, { ref: \`refs/heads/\${branch}\`, sha });
const current = await call('GET', \`\${api}/contents/\${path}?ref=\${encodeURIComponent(branch)}\`);
const content = Buffer.from(lines.map((l) => \`\${l}\\n\`).join('')).toString('base64');
await call('PUT', \`\${api}/contents/\${path}\`, { message, content, sha: current.sha, branch });
`;

/** Prints the training CSV: the files listed in training-data.txt, one header. */
export const TRAINING_DATA_SH = `#!/usr/bin/env bash
set -euo pipefail
first=1
while IFS= read -r f; do
  [ -z "$f" ] && continue
  if [ "$first" = 1 ]; then cat "$f"; first=0; else tail -n +2 "$f"; fi
done < "$(dirname "$0")/training-data.txt"
`;

/** The training command the GPU job runs under \`mlops train\` (exec: the Spot notice's SIGTERM reaches the trainer). */
export const TRAIN_SH = `#!/usr/bin/env bash
set -euo pipefail
dir="$(dirname "$0")"
param() { sed -n "s/^$1: *//p" "$dir/params.yml"; }
bash "$dir/training-data.sh" > training-data.csv
exec node "$MLOPS_HOME/dist/fixtures/trainer/train.js" --data training-data.csv --target churned \\
  --epochs "$(param epochs)" --lr "$(param lr)" --l2 "$(param l2)" --seed "$(param seed)" \\
  --out model.onnx --log-every 100 --checkpoint-dir ckpt --epoch-delay-ms "\${TRAINER_EPOCH_DELAY_MS:-0}"
`;

/** The training PR's hyper-parameters: the fixture challenger's recipe (fixtures/models/recipes.ts, churn-v2). */
export const PARAMS_YML = 'epochs: 1500\nlr: 0.3\nl2: 0.0005\nseed: 2\n';
