/**
 * Escaping of user-controlled strings (column names, branch names, model names, reasons) for GitHub-flavoured Markdown.
 * Written by hand because no maintained library covers GitHub's own post-processing: mentions, issue references and
 * autolinks are found in the *rendered* text, so a Markdown backslash or an HTML entity does not stop them.
 *
 * Two kinds of neutralisation are used:
 * - Markdown syntax (emphasis, links, headings, lists, tables, HTML) gets a backslash or an HTML entity, which GitHub
 *   renders as the plain character.
 * - GitHub's text filters (`@user` mentions, `#123` / `GH-123` / `owner/repo#1` references, bare-URL autolinks) run on
 *   the text after Markdown is rendered, where `\@` and `&#64;` have already become a plain `@` again. For those a
 *   U+200B ZERO WIDTH SPACE is inserted right after the trigger character: it renders as nothing, is not a username
 *   or number character, so the filters no longer match (`@​octocat` does not notify anyone).
 */

/** U+200B ZERO WIDTH SPACE: invisible on GitHub, breaks mention/reference/autolink patterns. */
export const zeroWidthSpace = '\u200B';

const zw = zeroWidthSpace;

// Characters with Markdown meaning anywhere on a line. `\` first so later escapes are not doubled.
const inlineSpecial = /[\\`*_[\]()!|~$]/g;

// C0/C1 controls (tab and line breaks excepted) and the bidi embedding/override/isolate controls: invisible, and the
// bidi ones reorder what follows ("Trojan Source"), so a value could make `failed` read as something else.
const invisibleControls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Replaces invisible control characters with U+FFFD REPLACEMENT CHARACTER, so they show instead of acting. */
function showControls(text: string): string {
  return text.replace(invisibleControls, '\uFFFD');
}

/** Escapes `&`, `<`, `>` as HTML entities: no raw HTML, no `<!--` comment (so no spoofed hidden marker). */
function escapeHtml(text: string): string {
  return showControls(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inserts U+200B after the characters GitHub's mention, reference and autolink filters key on. */
function breakGithubAutolinks(text: string): string {
  return text
    .replace(/@/g, `@${zw}`)
    .replace(/#(?=\d)/g, `#${zw}`)
    .replace(/\b(GH-)(?=\d)/gi, `$1${zw}`)
    .replace(/:\/\//g, `:${zw}//`)
    .replace(/\b(www)\./gi, `$1${zw}.`);
}

/**
 * Escapes `text` so it renders on GitHub as exactly its characters: no markup, no HTML, no mention, no reference,
 * no link. Line-start markers (headings, lists, quotes, setext underlines) are escaped at the start of the text too,
 * because the caller may place the text at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  let out = escapeHtml(text).replace(inlineSpecial, '\\$&');
  // Block markers only count at a line start and before a space, the line end or a repeat (`## h`, `- item`, `---`,
  // `===`, `1. item`), so `-0.5` or `0.1.0` stay as they are. `>` is already `&gt;`, which never opens a block
  // quote; `*` and `)` are escaped everywhere above.
  out = out.replace(/^([ \t]*)([#+\-=])(?=[ \t]|$|\2)/gm, '$1\\$2').replace(/^([ \t]*\d{1,9})\.(?=[ \t]|$)/gm, '$1\\.');
  return breakGithubAutolinks(out);
}

/**
 * Escapes `text` for one cell of a GitHub table: as `escapeMarkdown`, with `|` escaped (GFM splits cells before
 * anything else) and line breaks turned into `<br>` so the row stays on one line.
 */
export function escapeMarkdownTableCell(text: string): string {
  return escapeMarkdown(text).replace(/\r\n|\r|\n/g, '<br>');
}

/**
 * Escapes `text` for a raw HTML context such as `<summary>…</summary>`, where Markdown backslashes would show
 * literally: HTML entities (quotes too) plus the U+200B guards against mentions, references and autolinks. Line
 * breaks become spaces: a blank line ends the HTML block, and whatever followed would be parsed as live Markdown.
 */
export function escapeHtmlText(text: string): string {
  return breakGithubAutolinks(escapeHtml(text.replace(/\r\n|\r|\n/g, ' ')).replace(/"/g, '&quot;'));
}

/** Options of `inlineCode`. */
export interface InlineCodeOptions {
  /** The span sits in a table cell: `|` must be written `\|` even inside code (GFM splits cells first). */
  tableCell?: boolean;
}

/**
 * `text` as a Markdown code span, fenced with one more backtick than its longest backtick run so it cannot close
 * early. Line breaks become spaces (a line break would let the next line start a block). `<!--` gets a U+200B after
 * `<` so the raw comment body never contains anything that looks like one of our hidden markers.
 */
export function inlineCode(text: string, options: InlineCodeOptions = {}): string {
  let body = showControls(text).replace(/\r\n|\r|\n/g, ' ').replace(/<!--/g, `<${zw}!--`);
  if (options.tableCell) body = body.replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...Array.from(body.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space from each end when both are present, and a span may not start or end with its fence
  // character unseparated: pad in both cases so the content comes out verbatim.
  if (body === '') return '` `';
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '');
  return pad ? `${fence} ${body} ${fence}` : `${fence}${body}${fence}`;
}
