#!/usr/bin/env bash
# `mlops runner launch` for actions/runner-start and the umbrella's `command: runner-start`.
# Inputs arrive only as environment variables. The CLI masks the JIT config and the encoded user data
# (::add-mask::, what core.setSecret writes) before anything else can print them; they are never outputs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
args=(runner launch --json --instance-types "$INPUT_INSTANCE_TYPES" --market "${INPUT_MARKET:-spot-then-on-demand}"
  --disk-gb "${INPUT_DISK_GB:-100}" --ttl "${INPUT_TTL:-6h}" --wait-online "${INPUT_WAIT_ONLINE:-10m}")
[ -n "${INPUT_LABEL:-}" ] && args+=(--label "$INPUT_LABEL")
[ -n "${INPUT_SUBNETS:-}" ] && args+=(--subnets "$INPUT_SUBNETS")
[ -n "${INPUT_MAX_PRICE:-}" ] && args+=(--max-price "$INPUT_MAX_PRICE")
[ -n "${INPUT_IMAGE_ID:-}" ] && args+=(--image-id "$INPUT_IMAGE_ID")
[ -n "${INPUT_IMAGE_SSM_PARAM:-}" ] && args+=(--image-ssm-param "$INPUT_IMAGE_SSM_PARAM")

echo "::add-mask::$INPUT_RUNNER_TOKEN"
result="$(MLOPS_RUNNER_TOKEN="$INPUT_RUNNER_TOKEN" node "$root/dist/cli.js" "${args[@]}")"
# Mask lines go to the log as they are; the JSON result (no secrets in it) gives the outputs.
grep '^::add-mask::' <<< "$result" || true
json="$(grep -v '^::add-mask::' <<< "$result")"
{
  echo "label=$(node -e 'console.log(JSON.parse(process.argv[1]).label)' "$json")"
  echo "instance-id=$(node -e 'console.log(JSON.parse(process.argv[1]).instanceId)' "$json")"
} >> "${GITHUB_OUTPUT:-/dev/null}"
echo "$json"
