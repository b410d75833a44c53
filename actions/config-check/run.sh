#!/usr/bin/env bash
# `mlops config check` for actions/config-check and the umbrella's `command: config-check` (one script, two callers).
# Inputs arrive only as environment variables (INPUT_CONFIG), never as ${{ }} text in the script: no injection.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# --format github: every problem becomes an ::error file=…,line=…:: annotation on the config file.
node "$root/dist/cli.js" config check --config "$INPUT_CONFIG" --format github
status=$?

if [ "$status" -eq 0 ]; then valid=true; else valid=false; fi
echo "valid=$valid" >> "${GITHUB_OUTPUT:-/dev/null}"
if [ "$valid" = true ]; then
  echo "mlops config check: \`$INPUT_CONFIG\` is valid" >> "${GITHUB_STEP_SUMMARY:-/dev/null}"
else
  echo "mlops config check: \`$INPUT_CONFIG\` has problems (exit $status); see the annotations" >> "${GITHUB_STEP_SUMMARY:-/dev/null}"
fi
exit "$status"
