import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

// Every `mlops` command pays for what cli/main.ts loads before it runs. The AWS SDK, Probot, Octokit, ONNX Runtime and
// the sandbox together took start-up from ~0.1 s to ~0.8 s and 170 MB (measured), so commands that need them load them
// inside their handlers (`await import(...)`). This walks the static import graph from cli/main.ts and fails when one
// of them is reached again.
const heavy = [/^probot($|\/)/, /^@aws-sdk\//, /^@octokit\//, /^@actions\//, /^onnxruntime-node$/];
const heavyFolders = ['app', 'runners', 'sandbox', 'actions'];

/** Static (value) imports of a TypeScript source: `import type` and dynamic `import()` do not load anything at start. */
function staticImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  return out;
}

function reach(entry: string): { files: string[]; offenders: string[] } {
  const seen = new Set<string>();
  const offenders: string[] = [];
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) {
        if (heavy.some((p) => p.test(spec))) offenders.push(`${file} imports ${spec}`);
        continue;
      }
      const target = normalize(join(dirname(file), spec.replace(/\.js$/, '.ts')));
      if (heavyFolders.includes(target.split('/')[0]!)) offenders.push(`${file} imports ${spec}`);
      if (existsSync(target)) queue.push(target);
    }
  }
  return { files: [...seen], offenders };
}

test('mlops start-up loads none of the heavy adapters (they load inside the commands that use them)', () => {
  const { files, offenders } = reach('cli/main.ts');
  assert.ok(files.includes('cli/commands/validate.ts') && files.includes('cli/commands/runner.ts'), 'the walk reached the command modules');
  assert.deepEqual(offenders, []);
});

test('the walk sees a heavy import when there is one (guards against a vacuous pass)', () => {
  assert.deepEqual(staticImports("import { Probot } from 'probot';\nimport type { X } from '@octokit/rest';\nconst m = await import('@aws-sdk/client-ec2');\nexport { y } from './y.js';"), ['probot', './y.js']);
});
