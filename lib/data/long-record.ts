/**
 * A record too long to re-parse with every chunk (past LONG_RECORD_CHARS): its text is kept as pieces, and each new
 * chunk is only scanned for a newline outside quotes — with `indexOf` between quotes and newlines, carrying the quote
 * state from chunk to chunk — so a long record costs O(length) instead of O(length²). When it ends, the parser gets the
 * joined text back.
 */
export class LongRecord {
  private pieces: string[] = [];
  private inQuote = false;
  /** Chars held so far. */
  length = 0;

  /** True while a long record is being collected. */
  get active(): boolean {
    return this.pieces.length > 0;
  }

  /** Starts collecting with the record's text so far. */
  begin(text: string): void {
    this.pieces = [text];
    this.length = text.length;
    this.inQuote = false;
    this.endsIn(text);
  }

  /** Adds the next chunk; true when the record ends in it. */
  add(chunk: string): boolean {
    const ends = this.endsIn(chunk);
    this.pieces.push(chunk);
    this.length += chunk.length;
    return ends;
  }

  /** The whole text collected; collecting stops. */
  take(): string {
    const text = this.pieces.join('');
    this.pieces = [];
    this.length = 0;
    return text;
  }

  private endsIn(text: string): boolean {
    let inQuote = this.inQuote;
    let pos = 0;
    for (;;) {
      const q = text.indexOf('"', pos);
      if (inQuote) {
        if (q < 0) break;
        inQuote = false;
        pos = q + 1;
        continue;
      }
      const nl = text.indexOf('\n', pos);
      if (nl >= 0 && (q < 0 || nl < q)) return true;
      if (q < 0) break;
      inQuote = true;
      pos = q + 1;
    }
    this.inQuote = inQuote;
    return false;
  }
}
