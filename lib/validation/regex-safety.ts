/**
 * Refuses regular expressions that V8's backtracking engine can take exponential (or high-polynomial) time on, before
 * any data is read. No linear-time engine (re2) is installed and native dependencies are not wanted, so the check is
 * ours: a small parser for JavaScript regex syntax plus two rules over its tree.
 *
 * Rule 1 (nested quantifier): inside a repetition that can run more than once (`*`, `+`, `{n,}`, `{n}` with n > 1),
 * a variable-count quantifier whose characters overlap what may follow it within that repetition, including the start
 * of the next round: `(a+)+`, `(.*a){20}`, `(\w+\s?)*`. `(\d+\.){3}` and `(ab+)+` pass: a fixed character that the
 * inner quantifier cannot match separates the rounds.
 * Rule 2 (overlapping alternation): inside such a repetition, two alternatives that can match the same text:
 * `(a|a)*`, `(\d|[0-9a-f])+`. Alternatives of fixed length are compared position by position (`(cat|car)+` passes);
 * others by their first character (conservative).
 * Backreferences are refused: they make matching NP-hard in general and defeat the analysis.
 * Characters are compared on a sample (ASCII, Latin-1 and one letter of common scripts), which is exact for the
 * classes people write in data schemas and errs towards refusing.
 */

/** Why a pattern was refused, with the 0-based offset of the offending part in the pattern. */
export interface RegexProblem {
  message: string;
  offset: number;
}

type CharSet = boolean[];

type Node =
  | { kind: 'char'; set: CharSet; start: number; end: number }
  | { kind: 'empty'; start: number; end: number }
  | { kind: 'seq'; items: Node[]; start: number; end: number }
  | { kind: 'alt'; branches: Node[]; start: number; end: number }
  | { kind: 'group'; body: Node; lookaround: boolean; start: number; end: number }
  | { kind: 'quant'; item: Node; min: number; max: number; start: number; end: number };

const sample: number[] = (() => {
  const points: number[] = [];
  for (let c = 0; c < 0x250; c++) points.push(c);
  // Greek, Cyrillic, Hebrew, Arabic, Devanagari, Hiragana, CJK, Hangul, fullwidth, odd spaces, BOM.
  points.push(0x391, 0x3b1, 0x410, 0x430, 0x5d0, 0x627, 0x905, 0x3042, 0x4e00, 0xac00, 0xff21, 0x1680, 0x2000, 0x2028, 0x2029, 0x3000, 0xfeff);
  return points;
})();

function charSet(source: string, flags: string): CharSet {
  const re = new RegExp(`^(?:${source})$`, flags);
  return sample.map((c) => re.test(String.fromCodePoint(c)));
}

const overlaps = (a: CharSet, b: CharSet) => a.some((x, i) => x && b[i]);
const union = (a: CharSet, b: CharSet): CharSet => a.map((x, i) => x || b[i]!);
const none = (): CharSet => sample.map(() => false);

/** Parses the subset of regex syntax the checks need; the pattern has already compiled with `new RegExp(p, 'u')`. */
function parse(pattern: string, flags: string): Node {
  let pos = 0;
  const peek = () => pattern[pos];

  function alternation(): Node {
    const start = pos;
    const branches = [sequence()];
    while (peek() === '|') {
      pos++;
      branches.push(sequence());
    }
    return branches.length === 1 ? branches[0]! : { kind: 'alt', branches, start, end: pos };
  }

  function sequence(): Node {
    const start = pos;
    const items: Node[] = [];
    while (pos < pattern.length && peek() !== '|' && peek() !== ')') {
      let atom = term();
      atom = quantified(atom);
      items.push(atom);
    }
    return { kind: 'seq', items, start, end: pos };
  }

  function quantified(atom: Node): Node {
    const start = atom.start;
    let min: number;
    let max: number;
    const c = peek();
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(pos));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      pos += m[0].length - 1;
    } else return atom;
    pos++;
    if (peek() === '?') pos++; // lazy: backtracks just the same
    return { kind: 'quant', item: atom, min, max, start, end: pos };
  }

  function term(): Node {
    const start = pos;
    const c = peek()!;
    if (c === '(') {
      pos++;
      let lookaround = false;
      if (pattern.startsWith('?:', pos)) pos += 2;
      else if (/^\?<?[=!]/.test(pattern.slice(pos))) {
        lookaround = true;
        pos += pattern[pos + 1] === '<' ? 3 : 2;
      } else if (pattern.startsWith('?<', pos)) pos = pattern.indexOf('>', pos) + 1;
      const body = alternation();
      pos++; // ')'
      return { kind: 'group', body, lookaround, start, end: pos };
    }
    if (c === '^' || c === '$') {
      pos++;
      return { kind: 'empty', start, end: pos };
    }
    if (c === '[') {
      pos++;
      while (pos < pattern.length && peek() !== ']') pos += peek() === '\\' ? 2 : 1;
      pos++;
      return { kind: 'char', set: charSet(pattern.slice(start, pos), flags), start, end: pos };
    }
    if (c === '\\') {
      const next = pattern[pos + 1] ?? '';
      if (/[bB]/.test(next)) {
        pos += 2;
        return { kind: 'empty', start, end: pos };
      }
      if (/[1-9]/.test(next) || next === 'k') throw new RefusedPattern('backreferences are not supported in schema patterns', start);
      const m = /^\\(?:[pP]\{[^}]*\}|x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|c[A-Za-z]|0|[^])/.exec(pattern.slice(pos));
      pos += m ? m[0].length : 2;
      return { kind: 'char', set: charSet(pattern.slice(start, pos), flags), start, end: pos };
    }
    pos += c.codePointAt(0)! > 0xffff ? 2 : 1;
    return { kind: 'char', set: charSet(pattern.slice(start, pos), flags), start, end: pos };
  }

  const tree = alternation();
  return tree;
}

class RefusedPattern extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

function nullable(node: Node): boolean {
  switch (node.kind) {
    case 'char':
      return false;
    case 'empty':
      return true;
    case 'seq':
      return node.items.every(nullable);
    case 'alt':
      return node.branches.some(nullable);
    case 'group':
      return node.lookaround || nullable(node.body);
    case 'quant':
      return node.min === 0 || nullable(node.item);
  }
}

/** Characters that can start a match of `node`. */
function first(node: Node): CharSet {
  switch (node.kind) {
    case 'char':
      return node.set;
    case 'empty':
      return none();
    case 'seq': {
      let set = none();
      for (const item of node.items) {
        set = union(set, first(item));
        if (!nullable(item)) break;
      }
      return set;
    }
    case 'alt':
      return node.branches.map(first).reduce(union, none());
    case 'group':
      return node.lookaround ? none() : first(node.body);
    case 'quant':
      return node.max === 0 ? none() : first(node.item);
  }
}

/** Characters `node` can consume anywhere in a match. */
function chars(node: Node): CharSet {
  switch (node.kind) {
    case 'char':
      return node.set;
    case 'empty':
      return none();
    case 'seq':
      return node.items.map(chars).reduce(union, none());
    case 'alt':
      return node.branches.map(chars).reduce(union, none());
    case 'group':
      return node.lookaround ? none() : chars(node.body);
    case 'quant':
      return chars(node.item);
  }
}

/** A branch of fixed length as one char set per position, or undefined when its length varies. */
function fixedSets(node: Node): CharSet[] | undefined {
  switch (node.kind) {
    case 'char':
      return [node.set];
    case 'empty':
      return [];
    case 'seq': {
      const out: CharSet[] = [];
      for (const item of node.items) {
        const sets = fixedSets(item);
        if (!sets) return undefined;
        out.push(...sets);
      }
      return out;
    }
    case 'group':
      return node.lookaround ? [] : fixedSets(node.body);
    case 'alt':
    case 'quant':
      return undefined;
  }
}

function branchesOverlap(a: Node, b: Node): boolean {
  const fa = fixedSets(a);
  const fb = fixedSets(b);
  if (fa && fb) return fa.length === fb.length && fa.every((set, i) => overlaps(set, fb[i]!));
  return overlaps(first(a), first(b)) || (nullable(a) && nullable(b));
}

/** Walks `node` knowing what may follow it and whether it sits inside a repetition that can run more than once. */
function walk(node: Node, follow: CharSet, inRepeat: boolean, pattern: string): void {
  const text = (n: Node) => pattern.slice(n.start, n.end);
  switch (node.kind) {
    case 'char':
    case 'empty':
      return;
    case 'seq': {
      let after = follow;
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i]!;
        walk(item, after, inRepeat, pattern);
        after = nullable(item) ? union(first(item), after) : first(item);
      }
      return;
    }
    case 'alt':
      if (inRepeat) {
        for (let i = 0; i < node.branches.length; i++) {
          for (let j = i + 1; j < node.branches.length; j++) {
            if (branchesOverlap(node.branches[i]!, node.branches[j]!)) {
              throw new RefusedPattern(
                `the alternatives '${text(node.branches[i]!)}' and '${text(node.branches[j]!)}' can match the same text inside a repetition (catastrophic backtracking)`,
                node.branches[i]!.start,
              );
            }
          }
        }
      }
      for (const branch of node.branches) walk(branch, follow, inRepeat, pattern);
      return;
    case 'group':
      walk(node.body, node.lookaround ? none() : follow, inRepeat, pattern);
      return;
    case 'quant': {
      if (inRepeat && node.max > node.min && overlaps(chars(node.item), follow)) {
        throw new RefusedPattern(
          `the quantifier '${text(node)}' is nested in a repetition and can match what follows it (catastrophic backtracking, as in (a+)+)`,
          node.start,
        );
      }
      const repeats = node.max > 1;
      walk(node.item, repeats ? union(first(node.item), follow) : follow, inRepeat || repeats, pattern);
      return;
    }
  }
}

/** The first reason `pattern` could backtrack catastrophically (or fails to compile), or undefined when it is safe. */
export function checkRegexSafety(pattern: string, ignoreCase = false): RegexProblem | undefined {
  const flags = ignoreCase ? 'iu' : 'u';
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    return { message: `not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`, offset: 0 };
  }
  try {
    walk(parse(pattern, flags), none(), false, pattern);
    return undefined;
  } catch (error) {
    if (error instanceof RefusedPattern) return { message: error.message, offset: error.offset };
    throw error;
  }
}
