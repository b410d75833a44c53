import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTimeline } from '../../demo/timeline.js';
import { BadInputError } from '../../lib/errors.js';

function outDir(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'gh-mlops-timeline-'));
  for (const f of files) copyFileSync(join('fixtures/timeline', f), join(dir, f === 'sample-lifecycle.json' ? 'lifecycle.json' : f));
  return dir;
}

test('writeTimeline reads lifecycle.json and the optional files present, and writes timeline.html', async () => {
  const dir = outDir(['sample-lifecycle.json', 'pr-comment.md', 'metrics.json']);
  try {
    const path = await writeTimeline(dir, { generatedAt: '2026-11-23T10:00:00.000Z' });
    assert.equal(path, join(dir, 'timeline.html'));
    const html = readFileSync(path, 'utf8');
    assert.match(html, /champion v1\.0\.0/);
    assert.match(html, /No drift issue was captured in this run\./);
    assert.match(html, /Generated 2026-11-23T10:00:00\.000Z by gh-mlops /);
    assert.match(html, /aria-label="scrap by reason"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writeTimeline: no lifecycle.json, or a damaged metrics.json, is bad input naming the file', async () => {
  const dir = outDir([]);
  try {
    await assert.rejects(writeTimeline(dir), (e: unknown) => e instanceof BadInputError && /lifecycle\.json does not exist/.test(e.message));
    copyFileSync('fixtures/timeline/sample-lifecycle.json', join(dir, 'lifecycle.json'));
    writeFileSync(join(dir, 'metrics.json'), '{"window":{}}');
    await assert.rejects(writeTimeline(dir), /metrics\.json: cycleTime is missing/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
