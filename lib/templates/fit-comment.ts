/**
 * Fits rendered Markdown into GitHub's size limit for comment, issue and check-run bodies (65,536 characters) by
 * cutting whole lines and pointing to the full report.
 */

/** GitHub's limit on a comment, issue or check-run summary body, in characters. */
export const githubBodyLimit = 65536;

/** Options of `fitComment`. */
export interface FitCommentOptions {
  /** Most characters (UTF-16 code units, as GitHub counts them) of the result; default 65,536. */
  limit?: number;
  /** Where the whole text can be read; named in the truncation note. */
  fullReportUrl: string;
}

/** The note appended after a cut (preceded by a blank line). */
export function truncationNote(fullReportUrl: string): string {
  return `… truncated: full report at ${fullReportUrl}`;
}

const fenceLine = /^ {0,3}(`{3,}|~{3,})/;

/** The state after each line: the open code fence (if any) and how many `<details>` are still open. */
function lineStates(lines: string[]): Array<{ end: number; fence?: string; details: number }> {
  const states: Array<{ end: number; fence?: string; details: number }> = [];
  let end = -1;
  let fence: string | undefined;
  let details = 0;
  for (const line of lines) {
    end += line.length + 1;
    const match = fenceLine.exec(line);
    if (fence === undefined && match) fence = match[1];
    else if (fence !== undefined && match && match[1]![0] === fence[0] && match[1]!.length >= fence.length && line.trim() === match[1]) {
      fence = undefined;
    } else if (fence === undefined) {
      details += (line.match(/<details\b/gi) ?? []).length - (line.match(/<\/details>/gi) ?? []).length;
      details = Math.max(0, details);
    }
    states.push(fence === undefined ? { end, details } : { end, fence, details });
  }
  return states;
}

/**
 * `markdown` unchanged when it fits in `limit`; otherwise its longest prefix of whole lines that, followed by a
 * blank line and the truncation note, fits. Cuts fall between lines, so never inside a table row; a cut inside a
 * code fence is taken only when no other fits, and then the fence is closed. Open `<details>` blocks are closed so
 * the note stays visible. When not even the note fits, the note alone cut to `limit`.
 */
export function fitComment(markdown: string, options: FitCommentOptions): string {
  const limit = options.limit ?? githubBodyLimit;
  if (markdown.length <= limit) return markdown;
  const note = truncationNote(options.fullReportUrl);
  const states = lineStates(markdown.split('\n'));
  const closingOf = (s: { fence?: string; details: number }) => (s.fence ? `\n${s.fence}` : '') + '\n\n</details>'.repeat(s.details);
  for (const insideFence of [false, true]) {
    for (let i = states.length - 1; i >= 0; i--) {
      const state = states[i]!;
      if ((state.fence !== undefined) !== insideFence) continue;
      const closing = closingOf(state);
      if (state.end + closing.length + 2 + note.length <= limit) return `${markdown.slice(0, state.end)}${closing}\n\n${note}`;
    }
  }
  return note.slice(0, limit);
}
