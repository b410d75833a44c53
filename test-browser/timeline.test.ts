// The timeline page in a real headless Chromium: built from the committed sample (fixtures/timeline/), opened from
// disk, screenshotted to demo-out/browser/timeline.png; every section must render, with no console error and no
// request other than the page itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { writeTimeline } from '../demo/timeline.js';
import { timelineSections } from '../lib/timeline/render-timeline.js';
import { launchChromium } from './browser.js';

let browser: Browser;
let dir: string;

before(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'gh-mlops-browser-'));
  for (const f of ['pr-comment.md', 'drift-issue.md', 'dashboard.md', 'metrics.json']) copyFileSync(join('fixtures/timeline', f), join(dir, f));
  copyFileSync('fixtures/timeline/sample-lifecycle.json', join(dir, 'lifecycle.json'));
  await writeTimeline(dir, { generatedAt: '2026-11-23T10:00:00.000Z' });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens `url` and records what the page asked the network for and what it said on the console. */
async function open(url: string): Promise<{ page: Page; requests: string[]; problems: string[]; dialogs: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => void requests.push(r.url()));
  page.on('console', (m) => void (m.type() === 'error' || m.type() === 'warning' ? problems.push(`${m.type()}: ${m.text()}`) : undefined));
  page.on('pageerror', (e) => void problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, problems, dialogs };
}

test('timeline.html renders every section in Chromium, with no console error and no outside request', async () => {
  const url = pathToFileURL(join(dir, 'timeline.html')).href;
  const { page, requests, problems, dialogs } = await open(url);
  try {
    for (const [id, heading] of timelineSections) {
      const section = page.locator(`section#${id}`);
      assert.equal(await page.locator(`section#${id} > h2`).innerText(), heading);
      const box = await section.boundingBox();
      assert.ok(box && box.height > 60 && box.width > 600, `section ${id} has a visible size (${JSON.stringify(box)})`);
    }
    assert.equal(await page.locator('#timeline table.events tbody tr').count(), 18);
    assert.equal(await page.locator('#timeline circle.dot').count(), 18);
    assert.equal(await page.locator('#pr-comment table').count(), 2);
    assert.equal(await page.locator('#pr-comment details summary').innerText(), 'Slices');
    assert.match(await page.locator('#drift-issue').innerText(), /Drift detected: churn \(production\)/);
    assert.match(await page.locator('#dashboard').innerText(), /MLOps model registry/);
    const charts = page.locator('#flow-metrics svg.chart');
    assert.equal(await charts.count(), 3);
    for (let i = 0; i < 3; i++) {
      const box = await charts.nth(i).boundingBox();
      assert.ok(box && box.width > 200 && box.height > 100, `chart ${i} is drawn (${JSON.stringify(box)})`);
    }
    assert.equal(await page.locator('#flow-metrics svg.chart rect.bar').count(), 5 + 3 + 4);
    // the sample's <script> texts are shown as text, never run
    assert.deepEqual(dialogs, []);
    assert.match(await page.locator('#timeline').innerText(), /<script>alert\(1\)<\/script>/);
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, [url]);

    mkdirSync('demo-out/browser', { recursive: true });
    const shot = resolve('demo-out/browser/timeline.png');
    const png = await page.screenshot({ path: shot, fullPage: true });
    assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG');
    const height = png.readUInt32BE(20);
    assert.ok(png.readUInt32BE(16) === 1280 && height > 2000, `full page ${png.readUInt32BE(16)}×${height}`);
    assert.ok(readFileSync(shot).length > 50_000, 'the screenshot has content');
  } finally {
    await page.close();
  }
});

test('control: the same listeners do see an outside request and a console error on a page that makes them', async () => {
  const bad = `data:text/html,${encodeURIComponent('<img src="http://127.0.0.1:9/x.png"><script>console.error("boom")</script>')}`;
  const { page, requests, problems } = await open(bad);
  try {
    assert.ok(requests.includes('http://127.0.0.1:9/x.png'), JSON.stringify(requests));
    assert.ok(problems.some((p) => p.includes('boom')), JSON.stringify(problems));
  } finally {
    await page.close();
  }
});
