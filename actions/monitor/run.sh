#!/usr/bin/env bash
# `mlops monitor` for actions/monitor and the umbrella's `command: monitor`: pull the model's history from the
# mlops/monitoring branch, record this window, write the job summary (with its chart), push the history back and
# send repository_dispatch mlops-drift. Inputs arrive only as environment variables: no injection.
# Exit: 0 done (or no dataset drift with fail-on-drift: true), 1 dataset drift with fail-on-drift: true, 2 bad input.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
report="${INPUT_DRIFT_REPORT_PATH:-mlops-drift.json}"
export INPUT_HISTORY_DIR="${RUNNER_TEMP:-/tmp}/mlops-monitoring"
echo "drift-report-path=$report" >> "${GITHUB_OUTPUT:-/dev/null}"

node "$root/dist/actions/monitor/index.js" pull || exit 2

# A registry spec (churn@production, churn@1.2.0) names the version whose training-data profile is the baseline: pull
# it from the release (every asset sha256-checked against its lineage) instead of reading a file from the checkout.
baseline="$INPUT_BASELINE_PROFILE"
if [ ! -e "$baseline" ] && [[ "$baseline" =~ ^[A-Za-z0-9][A-Za-z0-9-]*(@[A-Za-z0-9._-]+|/v[0-9][A-Za-z0-9.+-]*)$ ]]; then
  pulled="${RUNNER_TEMP:-/tmp}/mlops-baseline"
  GITHUB_TOKEN="${INPUT_TOKEN:-${GITHUB_TOKEN:-}}" node "$root/dist/cli.js" registry pull "$baseline" --dir "$pulled" || exit 2
  baseline="$pulled/training-profile.json"
fi

args=(monitor --baseline "$baseline" --current "$INPUT_CURRENT_DATA" --history "$INPUT_HISTORY_DIR" --report "$report"
  --retention "${INPUT_RETENTION:-30}" --format markdown)
[ -n "${INPUT_WINDOW_LABEL:-}" ] && args+=(--window-label "$INPUT_WINDOW_LABEL")
while IFS= read -r spec; do
  [ -n "$spec" ] && args+=(--threshold "$spec")
done <<< "${INPUT_THRESHOLDS:-}"
summary="${GITHUB_STEP_SUMMARY:-/dev/stdout}"
node "$root/dist/cli.js" "${args[@]}" >> "$summary"
status=$?
[ "$status" -eq 2 ] && exit 2

node "$root/dist/actions/monitor/index.js" push || exit 2

case "${INPUT_FAIL_ON_DRIFT:-false}" in
  false) exit 0 ;;
  true) exit "$status" ;;
  *) echo "::error::fail-on-drift must be 'true' or 'false', got '${INPUT_FAIL_ON_DRIFT//[$'\r\n']/ }'"; exit 2 ;;
esac
