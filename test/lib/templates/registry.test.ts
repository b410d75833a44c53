import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { BadInputError } from '../../../lib/errors.js';
import { createTemplateRegistry, parseErrorLocation, templateNames, type TemplateName } from '../../../lib/templates/registry.js';
import { directoryTemplateSource, functionTemplateSource, type TemplateSource } from '../../../lib/templates/template-source.js';
import { checkSummaryView, prCommentView } from './sample-views.js';

/** A source serving fixed texts by template name. */
function memorySource(files: Record<string, string>): TemplateSource {
  return functionTemplateSource('memory', async (_path, name) => files[name]);
}

async function withRepo(files: Record<string, string>, body: (root: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'mlops-templates-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      const path = join(root, '.github', 'mlops', 'templates', name + '.hbs');
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, text);
    }
    await body(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function rejection(promise: Promise<unknown>): Promise<BadInputError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof BadInputError, `expected a BadInputError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

test('names(): every template, in order', () => {
  assert.deepEqual(createTemplateRegistry().names(), [
    'pr-comment',
    'check-summary',
    'job-summary-validation',
    'job-summary-drift',
    'drift-issue',
    'model-card',
    'registry-dashboard',
  ]);
  assert.deepEqual(createTemplateRegistry().names(), [...templateNames]);
});

test('a directory override wins; templates it lacks fall back to the built-in', async () => {
  await withRepo({ 'check-summary': 'Custom gate for {{model}}: {{#if passed}}ok{{else}}no{{/if}} {{fmt 0.5 1}}\n' }, async (root) => {
    const registry = createTemplateRegistry({ overrides: directoryTemplateSource(root) });
    assert.equal(await registry.render('check-summary', checkSummaryView()), 'Custom gate for churn: no 0.5\n');
    const comment = await registry.render('pr-comment', prCommentView());
    assert.equal(comment.split('\n')[0], '<!-- mlops:pr-comment model=churn -->');
  });
});

test('a partial override is used by the built-in templates', async () => {
  await withRepo({ 'partials/verdict': '{{~#if passed}}PASS{{else}}FAIL{{/if~}}' }, async (root) => {
    const registry = createTemplateRegistry({ overrides: directoryTemplateSource(root) });
    const text = await registry.render('check-summary', checkSummaryView());
    assert.ok(text.includes('| `min-approvals` Two approvals | FAIL | 1 | 2 | 1 approval of 2 required |'), text);
  });
});

test('functionTemplateSource asks for the repository-relative override path', async () => {
  const asked: string[] = [];
  const source = functionTemplateSource('acme/churn@main', async (path) => {
    asked.push(path);
    return path.endsWith('/check-summary.hbs') ? 'remote {{model}}' : undefined;
  });
  const registry = createTemplateRegistry({ overrides: source });
  assert.equal(await registry.render('check-summary', checkSummaryView()), 'remote churn');
  assert.deepEqual(asked.sort(), [
    '.github/mlops/templates/check-summary.hbs',
    '.github/mlops/templates/partials/metric-table.hbs',
    '.github/mlops/templates/partials/verdict.hbs',
  ]);
});

test('{{x}} escapes Markdown, {{{x}}} stays raw, and other handlebars environments keep HTML escaping', async () => {
  const registry = createTemplateRegistry({ overrides: memorySource({ 'check-summary': '{{model}}|{{{model}}}|{{#each tier}}{{/each}}{{#with this}}{{model}}{{/with}}' }) });
  const view = { ...checkSummaryView(), model: '<b>@bob</b> *x*' };
  assert.equal(await registry.render('check-summary', view), '&lt;b&gt;@\u200Bbob&lt;/b&gt; \\*x\\*|<b>@bob</b> *x*|&lt;b&gt;@\u200Bbob&lt;/b&gt; \\*x\\*');
  assert.equal(Handlebars.compile('{{x}}')({ x: '<b>*' }), '&lt;b&gt;*');
  assert.equal(Handlebars.create().compile('{{x}}')({ x: '<b>*' }), '&lt;b&gt;*');
});

test('templates cannot reach prototype properties', async () => {
  const registry = createTemplateRegistry({ overrides: memorySource({ 'check-summary': '[{{constructor}}][{{model.constructor.name}}][{{__proto__}}]' }) });
  assert.equal(await registry.render('check-summary', checkSummaryView()), '[][][]');
});

test('an override that does not parse: BadInputError with its path, line and column; built-in not used', async () => {
  await withRepo({ 'pr-comment': 'line one\nsecond {{model\n' }, async (root) => {
    const registry = createTemplateRegistry({ overrides: directoryTemplateSource(root) });
    const error = await rejection(registry.render('pr-comment', prCommentView()));
    const path = join(root, '.github/mlops/templates/pr-comment.hbs');
    assert.equal(error.code, 'template-override-invalid');
    assert.deepEqual(error.location, { file: path, line: 2, col: 15 });
    assert.ok(error.message.startsWith(`${path}:2:15: template override "pr-comment" does not compile: Expecting `), error.message);
    assert.ok(error.message.endsWith('; the built-in "pr-comment" template was not used'), error.message);
    assert.match(error.hint ?? '', /delete it to use the built-in template/);
  });
});

test('an override with a mismatched block: line and 1-based column from the handlebars exception', async () => {
  const registry = createTemplateRegistry({ overrides: memorySource({ 'drift-issue': 'a\n\n{{#if model}}\nb\n{{/each}}\n' }) });
  const error = await rejection(registry.render('drift-issue', {} as never));
  assert.deepEqual(error.location, { file: '.github/mlops/templates/drift-issue.hbs', line: 3, col: 4 });
  assert.equal(error.message, `.github/mlops/templates/drift-issue.hbs:3:4: template override "drift-issue" does not compile: if doesn't match each; the built-in "drift-issue" template was not used`);
});

test('an override that fails while rendering is reported against its file too', async () => {
  const registry = createTemplateRegistry({ overrides: memorySource({ 'model-card': '{{#if}}x{{/if}}' }) });
  const error = await rejection(registry.render('model-card', {} as never));
  assert.equal(error.code, 'template-override-failed');
  assert.equal(
    error.message,
    '.github/mlops/templates/model-card.hbs: template override "model-card" failed to render: #if requires exactly one argument; the built-in "model-card" template was not used',
  );
});

test('an unknown template: BadInputError listing the names', async () => {
  const error = await rejection(createTemplateRegistry().render('nope' as TemplateName, {} as never));
  assert.equal(error.code, 'unknown-template');
  assert.equal(error.message, `unknown template "nope": expected one of ${templateNames.join(', ')}`);
});

test('parseErrorLocation recovers the column from the caret excerpt', () => {
  const source = 'ok\n{{#each items}}{{name}} {{broken\n';
  let message = '';
  try {
    Handlebars.parse(source);
  } catch (error) {
    message = (error as Error).message;
  }
  assert.deepEqual(parseErrorLocation(message, source), { line: 2, col: 33 });
  assert.equal(parseErrorLocation('no location here', source), undefined);
});

test('a failed override read is retried by the next render, not remembered', async () => {
  let calls = 0;
  const source = functionTemplateSource('flaky', async (_path, name) => {
    if (name === 'check-summary' && calls++ === 0) throw new Error('contents API timed out');
    return name === 'check-summary' ? 'second try {{model}}' : undefined;
  });
  const registry = createTemplateRegistry({ overrides: source });
  await assert.rejects(registry.render('check-summary', checkSummaryView()), /contents API timed out/);
  assert.equal(await registry.render('check-summary', checkSummaryView()), 'second try churn');
});
