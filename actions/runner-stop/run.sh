#!/usr/bin/env bash
# `mlops runner stop` for actions/runner-stop (meant for `if: always()`) and the umbrella's `command: runner-stop`.
# On a Spot interruption (EC2's state reason, or the train job's `interrupted` output) it dispatches the resume run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
args=(runner stop --json --label "$INPUT_LABEL" --resume-count "${INPUT_RESUME_COUNT:-0}" --max-resumes "${INPUT_MAX_RESUMES:-2}")
[ -n "${INPUT_INTERRUPTED:-}" ] && args+=(--interrupted "$INPUT_INTERRUPTED")
[ -n "${INPUT_RESUME_WORKFLOW:-}" ] && args+=(--resume-workflow "$INPUT_RESUME_WORKFLOW")

echo "::add-mask::$INPUT_RUNNER_TOKEN"
json="$(MLOPS_RUNNER_TOKEN="$INPUT_RUNNER_TOKEN" node "$root/dist/cli.js" "${args[@]}")"
echo "$json"
echo "resumed=$(node -e 'const r = JSON.parse(process.argv[1]).resume; console.log(Boolean(r && r.dispatched))' "$json")" >> "${GITHUB_OUTPUT:-/dev/null}"
