/**
 * Markdown (a PR comment, an issue body) to HTML that is safe to inline in the timeline page: marked renders GitHub
 * flavoured markdown, sanitize-html keeps an allowlist. Images keep only `data:` sources, because the page must make
 * no network request; links keep http(s) and mailto only, and open nothing by themselves.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const allowedTags = [...sanitizeHtml.defaults.allowedTags, 'img', 'details', 'summary', 'h1', 'h2', 'del', 'input'];

/** Renders markdown to sanitized HTML. */
export function renderMarkdown(markdown: string): string {
  const html = new Marked({ gfm: true, breaks: false }).parse(markdown, { async: false });
  return sanitizeHtml(html, {
    allowedTags,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      code: ['class'],
      th: ['align'],
      td: ['align'],
      input: ['type', 'checked', 'disabled'],
      details: ['open'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['data'] },
    allowProtocolRelative: false,
    // An <img> left without a source after filtering would still be an element; drop it whole.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
  });
}
