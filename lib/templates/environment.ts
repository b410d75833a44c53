/**
 * An isolated handlebars environment that writes Markdown: `{{x}}` escapes with `escapeMarkdown` (line breaks as
 * `<br>`) instead of HTML escaping, `{{{x}}}` stays raw for trusted, already-rendered fragments, and the formatting
 * helpers are registered.
 */
import Handlebars from 'handlebars';
import { escapeHtmlText, escapeMarkdownTableCell, inlineCode } from './markdown-escape.js';
import { formatBytes, formatDate, formatDelta, formatInterval, formatLink, formatNumber, formatPercent, markerValue, missingValue } from './format.js';

/** The handlebars environment type (`Handlebars.create()`). */
export type HandlebarsEnvironment = ReturnType<typeof Handlebars.create>;

/**
 * Escapes one `{{value}}` the way handlebars' own `escapeExpression` does, but for Markdown. Line breaks become
 * `<br>` (as in `escapeMarkdownTableCell`): the same `{{x}}` then also keeps a table row (or a list item, or a
 * heading) on its one line, whichever place an override author puts it in.
 */
export function escapeMarkdownExpression(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Helpers mark output they escaped themselves with SafeString (anything with toHTML), exactly as handlebars does.
  if (typeof value === 'object' && typeof (value as { toHTML?: unknown }).toHTML === 'function') {
    return String((value as { toHTML: () => unknown }).toHTML());
  }
  return escapeMarkdownTableCell(String(value));
}

// The spec object handlebars compiles a template into: `main` and the child programs all get the same `container`.
type Container = { escapeExpression: unknown };
type TemplateSpec = { main: (this: unknown, container: Container, ...rest: unknown[]) => unknown };

/**
 * Swaps the escaping of every template this environment compiles. Compiled templates call
 * `container.escapeExpression`, which the runtime fills from the *module-wide* `Utils.escapeExpression`: changing
 * `env.Utils` would change every handlebars user in the process. Instead `env.template` (the per-environment
 * factory `compile` hands each compiled spec to) is wrapped so the template's own container gets our function
 * before its main program runs; child programs and blocks share that container. Partials are templates of the same
 * environment, so they are covered too.
 */
function installMarkdownEscaping(env: HandlebarsEnvironment): void {
  const baseTemplate = env.template;
  env.template = ((spec: TemplateSpec) => {
    const main = spec.main;
    return baseTemplate({
      ...spec,
      main(this: unknown, container: Container, ...rest: unknown[]) {
        container.escapeExpression = escapeMarkdownExpression;
        return main.call(this, container, ...rest);
      },
    } as never);
  }) as typeof env.template;
}

// Helpers are called with their positional arguments followed by handlebars' options object.
function split(args: unknown[]): { params: unknown[]; hash: Record<string, unknown> } {
  const options = args[args.length - 1] as { hash?: Record<string, unknown> } | undefined;
  return { params: args.slice(0, -1), hash: options?.hash ?? {} };
}

function digitsOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 20 ? value : undefined;
}

/**
 * Registers the template helpers on `env`: `fmt value digits`, `pct value digits`, `delta value digits`,
 * `interval [lo, hi] digits`, `bytes n`, `code value cell=true`, `cell value`, `eq a b`, `date value "date"`,
 * `link text url`, `marker value`, `html value` (inside raw HTML such as `<summary>`), `short value n`, `join list ", "`. Formatting helpers return SafeString: their
 * output is already safe Markdown and must not be escaped again.
 */
function registerHelpers(env: HandlebarsEnvironment): void {
  const safe = (text: string) => new env.SafeString(text);
  const helpers: Record<string, (...args: unknown[]) => unknown> = {
    fmt: (...args) => {
      const { params } = split(args);
      return safe(formatNumber(params[0], digitsOf(params[1])));
    },
    pct: (...args) => {
      const { params } = split(args);
      return safe(formatPercent(params[0], digitsOf(params[1])));
    },
    delta: (...args) => {
      const { params } = split(args);
      return safe(formatDelta(params[0], digitsOf(params[1])));
    },
    interval: (...args) => {
      const { params } = split(args);
      return safe(formatInterval(params[0], digitsOf(params[1])));
    },
    bytes: (...args) => safe(formatBytes(split(args).params[0])),
    code: (...args) => {
      const { params, hash } = split(args);
      if (params[0] === null || params[0] === undefined) return missingValue;
      return safe(inlineCode(String(params[0]), { tableCell: hash.cell === true }));
    },
    cell: (...args) => {
      const value = split(args).params[0];
      if (value !== null && typeof value === 'object' && typeof (value as { toHTML?: unknown }).toHTML === 'function') return value;
      return safe(value === null || value === undefined ? missingValue : escapeMarkdownTableCell(String(value)));
    },
    eq: (...args) => {
      const { params } = split(args);
      return params[0] === params[1];
    },
    date: (...args) => {
      const { params } = split(args);
      return safe(formatDate(params[0], params[1] === 'date' ? 'date' : 'datetime'));
    },
    link: (...args) => {
      const { params } = split(args);
      return safe(formatLink(params[0], params[1]));
    },
    html: (...args) => {
      const value = split(args).params[0];
      return safe(value === null || value === undefined ? '' : escapeHtmlText(String(value)));
    },
    marker: (...args) => safe(markerValue(split(args).params[0])),
    short: (...args) => {
      const { params } = split(args);
      return params[0] === null || params[0] === undefined ? params[0] : String(params[0]).slice(0, digitsOf(params[1]) ?? 12);
    },
    join: (...args) => {
      const { params } = split(args);
      const list = Array.isArray(params[0]) ? params[0] : [];
      const separator = typeof params[1] === 'string' ? params[1] : ', ';
      return safe(list.map((item) => escapeMarkdownTableCell(String(item))).join(escapeMarkdownTableCell(separator)));
    },
  };
  for (const [name, fn] of Object.entries(helpers)) env.registerHelper(name, fn);
}

/** A fresh handlebars environment with Markdown escaping and the template helpers. */
export function createMarkdownEnvironment(): HandlebarsEnvironment {
  const env = Handlebars.create();
  installMarkdownEscaping(env);
  registerHelpers(env);
  return env;
}
