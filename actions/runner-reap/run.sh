#!/usr/bin/env bash
# `mlops runner reap` for actions/runner-reap and the umbrella's `command: runner-reap` (a scheduled workflow).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
args=(runner reap --json --grace "${INPUT_GRACE:-15m}")
[ "${INPUT_DRY_RUN:-false}" = true ] && args+=(--dry-run)

echo "::add-mask::$INPUT_RUNNER_TOKEN"
json="$(MLOPS_RUNNER_TOKEN="$INPUT_RUNNER_TOKEN" node "$root/dist/cli.js" "${args[@]}")"
echo "$json"
echo "terminated=$(node -e 'console.log(JSON.parse(process.argv[1]).plan.terminate.map((t) => t.instanceId).join(","))' "$json")" >> "${GITHUB_OUTPUT:-/dev/null}"
