#!/usr/bin/env bash
# Installs the gh-mlops CLI inside the action's own checkout, for every composite action of this repository.
#
#   install.sh key   writes the cache key and the node_modules path (for actions/cache) to $GITHUB_OUTPUT
#   install.sh       makes <package root>/dist/cli.js usable; writes cli=<path> and installed=true|false
#
# The package root is two levels above this file, wherever the runner unpacked the action. We do not use
# `$GITHUB_ACTION_PATH` here because the umbrella action.yml (repo root) and the sub-actions (actions/<name>/) call
# this same script from different action paths.
#
# Mechanics (docs/actions.md explains the why):
# - `npm ci --omit=dev` builds dist/ through the package's `prepare` script (tsc is a runtime dependency for this).
# - A stamp in node_modules records the key node_modules was installed for. Stamp matches and dist/cli.js exists:
#   nothing to do (a second gh-mlops action in the same job). Stamp matches but dist/ is missing: node_modules came
#   from the cache (which holds node_modules only), so only `npm run build` runs. Otherwise: a fresh `npm ci`.
# - `installed=true` only after a fresh `npm ci`: that is when node_modules is worth saving to the cache.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cli="$root/dist/cli.js"
stamp="$root/node_modules/.gh-mlops-install-key"
output="${GITHUB_OUTPUT:-/dev/null}"

if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 18) ? 0 : 1)' 2>/dev/null; then
  echo "::error::gh-mlops needs Node.js >= 20.18 on PATH (found: $(node --version 2>/dev/null || echo 'no node')); add actions/setup-node with node-version: 20 before this step"
  exit 1
fi

# hashFiles() cannot compute this key: it only hashes files under GITHUB_WORKSPACE, and the action is not there.
# Node computes it, so the script needs neither sha256sum nor shasum (which differ between Linux and macOS).
key="$(node -e '
  const { createHash } = require("node:crypto");
  const lock = createHash("sha256").update(require("node:fs").readFileSync(process.argv[1])).digest("hex").slice(0, 32);
  const major = process.versions.node.split(".")[0];
  console.log(`gh-mlops-node-modules-${process.platform}-${process.arch}-node${major}-${lock}`);
' "$root/package-lock.json")"

if [ "${1:-}" = key ]; then
  {
    echo "key=$key"
    echo "node-modules=$root/node_modules"
  } >> "$output"
  exit 0
fi
if [ "$#" -gt 0 ]; then
  echo "usage: install.sh [key]" >&2
  exit 2
fi

installed=false
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ]; then
  if [ -f "$cli" ]; then
    echo "gh-mlops CLI already installed at $cli"
  else
    echo "::group::npm run build (gh-mlops, node_modules restored from cache)"
    (cd "$root" && npm run build)
    echo "::endgroup::"
  fi
else
  echo "::group::npm ci --omit=dev (gh-mlops)"
  (cd "$root" && npm ci --omit=dev --no-audit --no-fund)
  echo "::endgroup::"
  printf '%s\n' "$key" > "$stamp"
  installed=true
fi

if [ ! -f "$cli" ]; then
  echo "::error::gh-mlops install finished but $cli is missing; was npm run with --ignore-scripts (npm_config_ignore_scripts)? The CLI is built by the package's prepare script"
  exit 1
fi
{
  echo "cli=$cli"
  echo "installed=$installed"
} >> "$output"
