#!/usr/bin/env bash
# `mlops train` for actions/train and the umbrella's `command: train`. On a resume it first restores the interrupted
# run's mlops-checkpoint artifact into the checkpoint folder. The command runs under bash; start it with `exec` (or
# make it forward SIGTERM) so a Spot notice reaches the trainer itself.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
report="${INPUT_TRAINING_REPORT:-mlops-training.json}"

if [ -n "${INPUT_RESUME_FROM_RUN:-}" ] && [ -n "${INPUT_CHECKPOINT_DIR:-}" ]; then
  node "$root/dist/cli.js" artifact download --name mlops-checkpoint --run-id "$INPUT_RESUME_FROM_RUN" --dir "$INPUT_CHECKPOINT_DIR" || exit 2
fi

args=(train --report "$report" --interruptions "${INPUT_RESUME_COUNT:-0}")
while IFS= read -r line; do [ -n "$line" ] && args+=(--param "$line"); done <<< "${INPUT_PARAMS:-}"
while IFS= read -r line; do [ -n "$line" ] && args+=(--artifact "$line"); done <<< "${INPUT_ARTIFACTS:-}"
[ -n "${INPUT_METRICS_FILE:-}" ] && args+=(--metrics-file "$INPUT_METRICS_FILE")
[ -n "${INPUT_CHECKPOINT_DIR:-}" ] && args+=(--checkpoint-dir "$INPUT_CHECKPOINT_DIR")
[ -n "${GITHUB_STEP_SUMMARY:-}" ] && args+=(--summary "$GITHUB_STEP_SUMMARY")

node "$root/dist/cli.js" "${args[@]}" -- bash -c "$INPUT_TRAIN_COMMAND"
status=$?

interrupted=false
if [ -f "$report" ] && node -e 'process.exit(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).outcome?.status === "interrupted" ? 0 : 1)' "$report"; then
  interrupted=true
fi
{
  echo "interrupted=$interrupted"
  echo "training-report=$report"
} >> "${GITHUB_OUTPUT:-/dev/null}"
exit "$status"
