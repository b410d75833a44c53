import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// lib/ is the pure domain core: entry points (app, actions, CLI) depend on it, never the other way round,
// and it must not reach for the GitHub/AWS adapters. This scans every import specifier in lib/.
const forbiddenPackages = [/^probot($|\/)/, /^@actions\//, /^@octokit\//, /^@aws-sdk\//];
const forbiddenFolders = ['app', 'actions', 'cli', 'runners', 'sandbox', 'bench', 'demo'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(e.name) ? [path] : [];
  });
}

function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\s+['"]([^'"]+)['"]/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) specifiers.push(m[1]!);
  return specifiers;
}

test('lib/ imports no adapter package (probot, @actions/*, @octokit/*, @aws-sdk/*)', () => {
  const offenders: string[] = [];
  for (const file of sourceFiles('lib')) {
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (forbiddenPackages.some((p) => p.test(spec))) offenders.push(`${file} imports ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('lib/ imports nothing from the entry points or adapters folders', () => {
  const offenders: string[] = [];
  for (const file of sourceFiles('lib')) {
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = join(file, '..', spec).split('/')[0]!;
      if (forbiddenFolders.includes(target)) offenders.push(`${file} imports ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('the scanner itself catches a forbidden import (guards against a vacuous pass)', () => {
  const sample = "import { Probot } from 'probot';\nconst x = await import('@aws-sdk/client-ec2');\nimport '../app/index.js';";
  assert.deepEqual(importsOf(sample), ['probot', '@aws-sdk/client-ec2', '../app/index.js']);
});

// Each adapter package belongs to one layer (tests, the demo and benchmarks may use any, to drive the real clients).
// The emulators in sandbox/ must speak the protocols themselves: importing the SDKs they emulate would let them cheat.
const adapterHomes: Array<[RegExp, string[]]> = [
  [/^probot($|\/)/, ['app']],
  [/^@actions\/(core|github)($|\/)/, ['actions']],
  [/^@aws-sdk\//, ['runners']],
  // Octokit's data packages (payload examples, schemas, the OpenAPI description) are fixtures, not clients.
  [/^@octokit\/(?!webhooks-examples|webhooks-schemas|openapi($|\/))/, ['app', 'actions', 'cli', 'runners']],
  [/^onnxruntime-node($|\/)/, ['app', 'actions', 'cli', 'runners', 'fixtures']],
];
const productFolders = ['lib', 'app', 'actions', 'runners', 'sandbox', 'cli', 'fixtures', 'scripts'];

test('each adapter package is imported only by the layer it belongs to', () => {
  const offenders: string[] = [];
  for (const folder of productFolders) {
    let files: string[] = [];
    try {
      files = sourceFiles(folder);
    } catch {
      continue; // a layer that does not exist yet
    }
    for (const file of files) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const home = adapterHomes.find(([pattern]) => pattern.test(spec));
        if (home && !home[1].includes(folder)) offenders.push(`${file} imports ${spec} (belongs in ${home[1].join('/')})`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});
