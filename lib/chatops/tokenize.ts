/**
 * Splits a ChatOps command line into words the way a shell would for the cases people type in a comment: spaces
 * separate words, "double" and 'single' quotes group them (`key="two words"` is one word `key=two words`), and a
 * backslash escapes the next character inside double quotes and outside quotes. Hand-written because the grammar is
 * the product (a shell-quote library would also expand `$VAR` and globs, which a comment must never do).
 */

/** A tokenizing failure, with the column (1-based) where the problem starts. */
export class TokenizeError extends Error {
  constructor(message: string, readonly column: number) {
    super(message);
    this.name = 'TokenizeError';
  }
}

/** The words of `line`; throws TokenizeError for an unterminated quote or a trailing backslash. */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  let quoteStart = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
      continue;
    }
    // Inside double quotes only \" and \\ are escapes (a Windows path keeps its backslashes); outside, any character.
    const escapes = ch === '\\' && (quote === undefined || line[i + 1] === '"' || line[i + 1] === '\\');
    if (escapes) {
      if (i + 1 >= line.length) throw new TokenizeError('a backslash ends the line: nothing to escape', i + 1);
      word += line[++i]!;
      inWord = true;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else word += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      quoteStart = i + 1;
      inWord = true;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    word += ch;
    inWord = true;
  }
  if (quote !== undefined) throw new TokenizeError(`the ${quote === '"' ? 'double' : 'single'} quote at column ${quoteStart} is never closed`, quoteStart);
  if (inWord) words.push(word);
  return words;
}
