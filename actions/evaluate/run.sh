#!/usr/bin/env bash
# `mlops evaluate` + `mlops gate` + publishing, for actions/evaluate and the umbrella's `command: evaluate`.
# Inputs arrive only as environment variables, never as ${{ }} text in the script: no injection.
# Exit: 0 the gate passed, 1 the gate refused (the check run says why), 2 bad input or a refused fork model.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
evaluation="${EVALUATION_PATH:-mlops-evaluation.json}"
gate="${GATE_PATH:-mlops-gate.json}"
{
  echo "evaluation-path=$evaluation"
  echo "gate-path=$gate"
} >> "${GITHUB_OUTPUT:-/dev/null}"

# A fork's model never runs on a self-hosted runner.
node "$root/dist/actions/evaluate/index.js" guard || exit 2

args=(evaluate --model "$INPUT_MODEL" --target "$INPUT_TARGET" --report "$evaluation" --bootstrap "${INPUT_BOOTSTRAP:-1000}" --max-model-mb "${INPUT_MAX_MODEL_MB:-512}")
while IFS= read -r path; do
  [ -n "$path" ] && args+=(--data "$path")
done <<< "$INPUT_DATA"
[ -n "${INPUT_CHAMPION:-}" ] && args+=(--champion "$INPUT_CHAMPION")
[ -n "${INPUT_CHAMPION_REPORT:-}" ] && args+=(--champion-report "$INPUT_CHAMPION_REPORT")
[ -n "${INPUT_SLICES:-}" ] && args+=(--slices "$INPUT_SLICES")
[ -n "${INPUT_NAME:-}" ] && args+=(--name "$INPUT_NAME")
node "$root/dist/cli.js" "${args[@]}" || exit 2

gate_args=(gate --policy "${INPUT_POLICY:-risk-medium}" --evaluation "$evaluation" --report "$gate")
[ -n "${INPUT_VALIDATION_REPORT:-}" ] && gate_args+=(--validation "$INPUT_VALIDATION_REPORT")
node "$root/dist/cli.js" "${gate_args[@]}"
status=$?
[ "$status" -eq 2 ] && exit 2
if [ "$status" -eq 0 ]; then echo "gate-passed=true"; else echo "gate-passed=false"; fi >> "${GITHUB_OUTPUT:-/dev/null}"

node "$root/dist/actions/evaluate/index.js" publish || exit 2
exit "$status"
