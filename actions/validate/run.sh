#!/usr/bin/env bash
# `mlops validate` for actions/validate and the umbrella's `command: validate` (one script, two callers).
# Inputs arrive only as environment variables, never as ${{ }} text in the script: no injection.
# One pass over the data: annotations on stdout (--format github), the job summary appended to GITHUB_STEP_SUMMARY,
# the mlops/validation report written for the artifact upload that follows.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
report="${INPUT_REPORT_PATH:-mlops-validation.json}"

args=(validate --schema "$INPUT_SCHEMA" --report "$report" --format github)
# `data` may name several paths or globs, one per line (YAML block scalar) — never word-split by the shell.
while IFS= read -r path; do
  [ -n "$path" ] && args+=(--data "$path")
done <<< "$INPUT_DATA"
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
[ -n "${GITHUB_STEP_SUMMARY:-}" ] && args+=(--summary "$GITHUB_STEP_SUMMARY")

node "$root/dist/cli.js" "${args[@]}"
status=$?

if [ "$status" -eq 0 ]; then passed=true; else passed=false; fi
{
  echo "passed=$passed"
  echo "report-path=$report"
} >> "${GITHUB_OUTPUT:-/dev/null}"

# exit 2 (bad input) always fails the step; exit 1 (failed expectations) fails it unless fail-on is `never`.
case "${INPUT_FAIL_ON:-error}" in
  never) [ "$status" -eq 1 ] && exit 0 ;;
  error) ;;
  *) echo "::error::fail-on must be 'error' or 'never', got '${INPUT_FAIL_ON//[$'\r\n']/ }'"; exit 2 ;;
esac
exit "$status"
