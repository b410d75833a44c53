#!/usr/bin/env bash
# The umbrella action's first step: fails fast, before any install, when `command` names no action.
# The valid commands are the folders under actions/ that hold an action.yml (setup is the shared installer, not a
# command), so the list is declared once: by the folders. test/actions checks the umbrella has one step per folder.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
commands=()
for file in "$root"/actions/*/action.yml; do
  name="$(basename "$(dirname "$file")")"
  [ "$name" = setup ] || commands+=("$name")
done

for name in "${commands[@]}"; do
  if [ "${INPUT_COMMAND:-}" = "$name" ]; then exit 0; fi
done

# Escaped as the runner's workflow-command parser expects, so a hostile value cannot start a command of its own.
value="${INPUT_COMMAND:-}"
value="${value//'%'/%25}"
value="${value//$'\r'/%0D}"
value="${value//$'\n'/%0A}"
list="$(printf '%s, ' "${commands[@]}")"
echo "::error::unknown command '$value'; valid commands: ${list%, }"
exit 1
