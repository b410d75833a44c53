// The installer's decisions (npm ci / npm run build / nothing), run through the setup action's real steps against a
// throw-away package whose `npm` is a fake that logs its arguments. The real `npm ci --omit=dev` is exercised by
// scripts/check-action-install.sh (npm run test:action-install), which is too slow for a unit test.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAction, repoRoot, runStep, stepById, type StepResult } from './action-files.js';

const setup = loadAction('actions/setup/action.yml');
const keyStep = stepById(setup, 'mlops-key');
const installStep = stepById(setup, 'mlops-install');

// `npm ci` recreates node_modules and builds dist/cli.js (as `prepare` does); `npm run build` builds dist/cli.js.
// FAKE_NPM_FAIL=1 makes it fail, FAKE_NPM_NO_BUILD=1 makes `ci` skip the build (as --ignore-scripts would).
const fakeNpm = `#!/usr/bin/env bash
echo "$*" >> "$FAKE_NPM_LOG"
[ -z "\${FAKE_NPM_FAIL:-}" ] || exit 1
case "$1" in
  ci) rm -rf node_modules && mkdir node_modules && [ -n "\${FAKE_NPM_NO_BUILD:-}" ] || { mkdir -p dist && echo '// cli' > dist/cli.js; } ;;
  run) mkdir -p dist && echo '// cli' > dist/cli.js ;;
esac
`;

interface FakePackage {
  root: string;
  run(step: 'key' | 'install', env?: Record<string, string>): StepResult & { npm: string[] };
}

/** A package root with package-lock.json and a copy of actions/setup/install.sh, and a fake npm first on PATH. */
function fakePackage(t: TestContext): FakePackage {
  const root = mkdtempSync(join(tmpdir(), 'gh-mlops-pkg-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'actions/setup'), { recursive: true });
  copyFileSync(join(repoRoot, 'actions/setup/install.sh'), join(root, 'actions/setup/install.sh'));
  chmodSync(join(root, 'actions/setup/install.sh'), 0o755);
  writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion": 3}\n');
  const bin = join(root, 'fake-bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'npm'), fakeNpm, { mode: 0o755 });
  const log = join(root, 'npm.log');
  return {
    root,
    run(which, env = {}) {
      writeFileSync(log, '');
      const result = runStep(setup, which === 'key' ? keyStep : installStep, {
        actionPath: join(root, 'actions/setup'),
        workspace: tmpdir(),
        env: { PATH: `${bin}:${process.env.PATH}`, FAKE_NPM_LOG: log, ...env },
      });
      return { ...result, npm: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
    },
  };
}

function expectedKey(lock: string): string {
  const hash = createHash('sha256').update(lock).digest('hex').slice(0, 32);
  return `gh-mlops-node-modules-${process.platform}-${process.arch}-node${process.versions.node.split('.')[0]}-${hash}`;
}

test('key step: the cache key from package-lock.json, platform, arch and Node major, and the node_modules path', (t) => {
  const pkg = fakePackage(t);
  const r = pkg.run('key');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.outputs, { key: expectedKey('{"lockfileVersion": 3}\n'), 'node-modules': join(pkg.root, 'node_modules') });
  assert.deepEqual(r.npm, []);
});

test('first install: npm ci --omit=dev, stamp written, installed=true and the CLI path', (t) => {
  const pkg = fakePackage(t);
  const r = pkg.run('install');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.npm, ['ci --omit=dev --no-audit --no-fund']);
  assert.deepEqual(r.outputs, { cli: join(pkg.root, 'dist/cli.js'), installed: 'true' });
  assert.equal(readFileSync(join(pkg.root, 'node_modules/.gh-mlops-install-key'), 'utf8'), `${pkg.run('key').outputs.key}\n`);
});

test('second install in the same checkout (another gh-mlops action in the job): nothing to do', (t) => {
  const pkg = fakePackage(t);
  pkg.run('install');
  const r = pkg.run('install');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.npm, []);
  assert.deepEqual(r.outputs, { cli: join(pkg.root, 'dist/cli.js'), installed: 'false' });
});

test('cache hit (node_modules with a matching stamp, no dist/): only npm run build, installed=false', (t) => {
  const pkg = fakePackage(t);
  pkg.run('install');
  rmSync(join(pkg.root, 'dist'), { recursive: true });
  const r = pkg.run('install');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.npm, ['run build']);
  assert.deepEqual(r.outputs, { cli: join(pkg.root, 'dist/cli.js'), installed: 'false' });
});

test('a changed package-lock.json invalidates the stamp: npm ci again', (t) => {
  const pkg = fakePackage(t);
  pkg.run('install');
  writeFileSync(join(pkg.root, 'package-lock.json'), '{"lockfileVersion": 3, "changed": true}\n');
  const r = pkg.run('install');
  assert.deepEqual(r.npm, ['ci --omit=dev --no-audit --no-fund']);
  assert.equal(r.outputs.installed, 'true');
});

test('a failing npm ci fails the step and leaves no stamp (the next run retries)', (t) => {
  const pkg = fakePackage(t);
  const r = pkg.run('install', { FAKE_NPM_FAIL: '1' });
  assert.equal(r.status, 1);
  assert.deepEqual(r.outputs, {});
  assert.equal(existsSync(join(pkg.root, 'node_modules/.gh-mlops-install-key')), false);
});

test('npm ci that built nothing (scripts ignored) fails with an annotation that says why', (t) => {
  const pkg = fakePackage(t);
  const r = pkg.run('install', { FAKE_NPM_NO_BUILD: '1' });
  assert.equal(r.status, 1);
  assert.match(r.stdout, new RegExp(`^::error::gh-mlops install finished but ${join(pkg.root, 'dist/cli.js')} is missing; .*--ignore-scripts`, 'm'));
  assert.deepEqual(r.outputs, {});
});

test('a Node.js older than 20.18 fails before installing, naming the version found', (t) => {
  const pkg = fakePackage(t);
  writeFileSync(join(pkg.root, 'fake-bin/node'), '#!/bin/sh\n[ "$1" = --version ] && echo v18.20.4 && exit 0\nexit 1\n', { mode: 0o755 });
  const r = pkg.run('install');
  assert.equal(r.status, 1);
  assert.equal(
    r.stdout,
    '::error::gh-mlops needs Node.js >= 20.18 on PATH (found: v18.20.4); add actions/setup-node with node-version: 20 before this step\n',
  );
  assert.deepEqual(r.npm, []);
});
