/**
 * The template registry: every human-facing text (PR comment, check summary, job summaries, drift issue, model card,
 * registry dashboard) rendered from a built-in handlebars template, or from the repository's own
 * `.github/mlops/templates/NAME.hbs` when it has one.
 */
import { readFile } from 'node:fs/promises';
import { BadInputError, formatLocation, type SourceLocation } from '../errors.js';
import { assetPath } from '../package-root.js';
import { createMarkdownEnvironment, type HandlebarsEnvironment } from './environment.js';
import type { TemplateFile, TemplateSource } from './template-source.js';
import type { TemplateViews } from './view-models.js';

/** Every template a registry renders. */
export const templateNames = [
  'pr-comment',
  'check-summary',
  'job-summary-validation',
  'job-summary-drift',
  'drift-issue',
  'model-card',
  'registry-dashboard',
] as const;

/** One of `templateNames`. */
export type TemplateName = (typeof templateNames)[number];

/** Partials every template may use (`{{> metric-table metrics}}`); overridable at `partials/NAME.hbs`. */
export const partialNames = ['metric-table', 'verdict'] as const;

/** One of `partialNames`. */
export type PartialName = (typeof partialNames)[number];

/** Renders templates by name. */
export interface TemplateRegistry {
  /** The Markdown text of template `name` for `view`; the repository's override wins over the built-in. */
  render<N extends TemplateName>(name: N, view: TemplateViews[N]): Promise<string>;
  /** Every template name, in a fixed order. */
  names(): TemplateName[];
}

/** Options of `createTemplateRegistry`. */
export interface TemplateRegistryOptions {
  /** Where repository overrides are read; without it only built-ins are used. */
  overrides?: TemplateSource;
}

type Render = (view: object) => string;

interface Loaded {
  render: Render;
  /** Set when the text came from an override. */
  override?: TemplateFile;
}

/** Path of a shipped template (`builtin/NAME.hbs`, partials under `builtin/partials/`). */
export function builtinTemplatePath(name: string): string {
  return name.startsWith('partials/')
    ? assetPath('lib', 'templates', 'builtin', 'partials', name.slice('partials/'.length) + '.hbs')
    : assetPath('lib', 'templates', 'builtin', name + '.hbs');
}

/**
 * Where in `source` a handlebars parse error points. The parser only says the line in its message; the column is
 * recovered from the `---^` caret under its excerpt, which shows (up to 20 of) the characters read before the error.
 */
export function parseErrorLocation(message: string, source: string): { line: number; col?: number } | undefined {
  const lineMatch = /on line (\d+)/.exec(message);
  if (!lineMatch) return undefined;
  const line = Number(lineMatch[1]);
  const parts = message.split('\n');
  const caretIndex = parts.findIndex((p) => /^-*\^$/.test(p));
  const text = source.split(/\r?\n/)[line - 1];
  if (caretIndex < 1 || text === undefined) return { line };
  const past = parts[caretIndex - 1]!.slice(0, parts[caretIndex]!.length - 1).replace(/^\.\.\./, '');
  // The excerpt drops line breaks, so only its tail belongs to this line: find the shortest prefix of the line that
  // the excerpt ends with.
  for (let end = 1; end <= text.length; end++) {
    const prefix = text.slice(Math.max(0, end - past.length), end);
    if (end >= past.length ? prefix === past : past.endsWith(prefix)) return { line, col: end + 1 };
  }
  return { line, col: 1 };
}

/** The BadInputError for an override that does not compile or render. */
function overrideError(name: string, file: TemplateFile, error: unknown, stage: 'compile' | 'render'): BadInputError {
  const message = error instanceof Error ? error.message : String(error);
  const location: SourceLocation = { file: file.path };
  const exception = error as { lineNumber?: unknown; column?: unknown };
  let reason = message;
  if (typeof exception.lineNumber === 'number') {
    // handlebars Exceptions carry a 1-based line and a 0-based column, and repeat them at the end of the message.
    location.line = exception.lineNumber;
    if (typeof exception.column === 'number') location.col = exception.column + 1;
    reason = message.replace(/ - \d+:\d+$/, '');
  } else {
    const at = parseErrorLocation(message, file.text);
    if (at) {
      location.line = at.line;
      if (at.col !== undefined) location.col = at.col;
      reason = message.split('\n').slice(-1)[0] ?? message;
    }
  }
  const what = stage === 'compile' ? 'does not compile' : 'failed to render';
  return new BadInputError(`template-override-${stage === 'compile' ? 'invalid' : 'failed'}`,
    `${formatLocation(location)}: template override "${name}" ${what}: ${reason}; the built-in "${name}" template was not used`,
    {
      location,
      hint: `Fix ${file.path} (handlebars syntax, see https://handlebarsjs.com/guide/) or delete it to use the built-in template.`,
      cause: error,
    });
}

/** Compiles `file` in `env`; for overrides, parse errors and render errors become BadInputErrors naming the file. */
function compile(env: HandlebarsEnvironment, name: string, file: TemplateFile, isOverride: boolean): Loaded {
  let template: Render;
  try {
    // parse first: `compile` is lazy and would only report syntax errors at the first render.
    template = env.compile(env.parse(file.text), { noEscape: false, strict: false });
  } catch (error) {
    if (isOverride) throw overrideError(name, file, error, 'compile');
    throw error;
  }
  if (!isOverride) return { render: template };
  const render: Render = (view) => {
    try {
      return template(view);
    } catch (error) {
      throw overrideError(name, file, error, 'render');
    }
  };
  return { render, override: file };
}

/** A registry of the built-in templates, each replaceable by `options.overrides`; one isolated handlebars environment. */
export function createTemplateRegistry(options: TemplateRegistryOptions = {}): TemplateRegistry {
  const env = createMarkdownEnvironment();
  const loaded = new Map<string, Promise<Loaded>>();

  const load = (name: string): Promise<Loaded> => {
    let pending = loaded.get(name);
    if (!pending) {
      pending = (async () => {
        const override = await options.overrides?.read(name);
        if (override) return compile(env, name, override, true);
        const path = builtinTemplatePath(name);
        return compile(env, name, { text: await readFile(path, 'utf8'), path }, false);
      })();
      loaded.set(name, pending);
      // A failed read (the contents API timing out) is retried by the next render rather than remembered.
      pending.catch(() => loaded.delete(name));
    }
    return pending;
  };

  let partialsReady: Promise<void> | undefined;
  const registerPartials = (): Promise<void> =>
    (partialsReady ??= Promise.all(
      partialNames.map(async (partial) => {
        const { render } = await load(`partials/${partial}`);
        env.registerPartial(partial, (context: object) => render(context));
      }),
    ).then(
      () => undefined,
      (error: unknown) => {
        partialsReady = undefined;
        throw error;
      },
    ));

  return {
    async render(name, view) {
      if (!(templateNames as readonly string[]).includes(name)) {
        throw new BadInputError('unknown-template', `unknown template ${JSON.stringify(name)}: expected one of ${templateNames.join(', ')}`, {
          hint: 'Use one of the listed names.',
        });
      }
      await registerPartials();
      const { render } = await load(name);
      return render(view);
    },
    names: () => [...templateNames],
  };
}
