#!/usr/bin/env bash
# Installs the CLI exactly as the composite actions do on a runner, and checks that it runs.
#
#   scripts/check-action-install.sh              from HEAD's committed files only (what a tag of this repo ships)
#   scripts/check-action-install.sh --worktree   from the working tree's files (tracked + untracked, not ignored)
#
# The runner unpacks an action from a tarball (no .git, no node_modules, no dist) and our actions then run
# actions/setup/install.sh, i.e. `npm ci --omit=dev`, whose `prepare` builds dist/. This catches a build or a
# runtime import that needs a devDependency, which `npm ci` + `npm test` on a developer machine cannot see.
# npm_config_prefer_offline: reuse the local npm cache (warm after the `npm ci` that .ci/run does first).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/gh-mlops-action-install.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
pkg="$tmp/gh-mlops"
export npm_config_prefer_offline=true
export GITHUB_OUTPUT="$tmp/github-output"

fail() { echo "check-action-install: FAIL: $*" >&2; exit 1; }
step() { echo "check-action-install: $* ($((SECONDS - start))s)"; }

# Runs install.sh the way a composite `shell: bash` step does, from an unrelated directory, with a fresh output file.
install() {
  : > "$GITHUB_OUTPUT"
  (cd "$tmp" && GITHUB_ACTION_PATH="$pkg/actions/setup" bash --noprofile --norc -eo pipefail "$pkg/actions/setup/install.sh")
}

start=$SECONDS
if [ "${1:-}" = --worktree ]; then
  mkdir "$pkg"
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf -) | tar -C "$pkg" -xf -
  step "copied the working tree"
elif [ "$#" -eq 0 ]; then
  # The runner fetches an action as GitHub's tarball of the ref, which is `git archive`: committed files, no .git.
  mkdir "$pkg"
  git -C "$repo" archive --format=tar HEAD | tar -C "$pkg" -xf -
  step "unpacked HEAD ($(git -C "$repo" rev-parse --short HEAD))"
else
  echo "usage: scripts/check-action-install.sh [--worktree]" >&2
  exit 2
fi

[ -x "$pkg/actions/setup/install.sh" ] || fail "no executable actions/setup/install.sh in the copy (not committed yet? try --worktree)"
install
grep -qx 'installed=true' "$GITHUB_OUTPUT" || fail "first install did not report installed=true"
grep -qx "cli=$pkg/dist/cli.js" "$GITHUB_OUTPUT" || fail "install did not report cli=$pkg/dist/cli.js"
[ ! -e "$pkg/node_modules/tsx" ] || fail "devDependencies were installed (node_modules/tsx exists): --omit=dev not honoured"
node "$pkg/dist/cli.js" --help > "$tmp/help.txt" || fail "node dist/cli.js --help exited $? after npm ci --omit=dev"
grep -q '^Usage: mlops' "$tmp/help.txt" || fail "node dist/cli.js --help printed no usage"
step "npm ci --omit=dev built a working dist/cli.js"

install
grep -qx 'installed=false' "$GITHUB_OUTPUT" || fail "second install in the same checkout was not a no-op"
step "second install was a no-op (stamp)"

# A cache hit restores node_modules (with its stamp) but not dist/: install.sh must rebuild without npm ci.
rm -rf "$pkg/dist"
install
grep -qx 'installed=false' "$GITHUB_OUTPUT" || fail "install after a cache hit re-ran npm ci"
node "$pkg/dist/cli.js" --help > /dev/null || fail "node dist/cli.js --help failed after the cache-hit rebuild"
step "cache-hit path rebuilt dist/ without npm ci"
echo "check-action-install: ok in $((SECONDS - start))s"
