/**
 * GitHub Actions filter patterns (`branches`, `tags`, `paths` and their `-ignore` forms), as the workflow syntax docs
 * define them ("Filter pattern cheat sheet"): `*` any characters but `/`, `**` any characters, `?` zero or one of the
 * preceding character, `+` one or more of the preceding character, `[…]` a character class, `\` escapes, and a
 * leading `!` negates; patterns apply in order and the last one that matches decides.
 *
 * Hand-written on purpose: minimatch is not a dependency, and its `?` (any one character) and `+(…)` extglobs mean
 * something else than GitHub's `?` and `+`, so a glob library would match differently from GitHub.
 */

/** The regular expression of one pattern (without its `!`). */
export function filterPatternRegex(pattern: string): RegExp {
  let out = '';
  let lastAtom = '';
  const push = (atom: string) => {
    out += atom;
    lastAtom = atom;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      push(escapeRegex(pattern[++i]!));
    } else if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        // `**/` also matches no folder at all: `**/README.md` matches `README.md` at the root.
        if (pattern[i + 1] === '/') {
          i++;
          push('(?:.*/)?');
        } else push('.*');
      } else push('[^/]*');
    } else if ((c === '?' || c === '+') && lastAtom !== '') {
      out += c;
      lastAtom = '';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) push(escapeRegex(c));
      else {
        push(`[${pattern.slice(i + 1, end).replace(/\\/g, '\\\\')}]`);
        i = end;
      }
    } else push(escapeRegex(c));
  }
  return new RegExp(`^${out}$`);
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Whether `value` passes an ordered include list: the last matching pattern decides (`!x` excludes), none = no. */
export function matchesPatterns(value: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (filterPatternRegex(negated ? pattern.slice(1) : pattern).test(value)) matched = !negated;
  }
  return matched;
}

/**
 * A ref filter (`branches`/`branches-ignore`, `tags`/`tags-ignore`): with the include list the value must match it;
 * with the ignore list it must not; with neither everything passes.
 */
export function refPasses(value: string, include: readonly string[] | undefined, ignore: readonly string[] | undefined): boolean {
  if (include) return matchesPatterns(value, include);
  if (ignore) return !matchesPatterns(value, ignore);
  return true;
}

/**
 * A `paths`/`paths-ignore` filter over the changed files: `paths` runs when at least one file is included;
 * `paths-ignore` runs unless every file is ignored (GitHub: an empty change set never matches `paths`).
 */
export function pathsPass(files: readonly string[], include: readonly string[] | undefined, ignore: readonly string[] | undefined): boolean {
  if (include) return files.some((f) => matchesPatterns(f, include));
  if (ignore) return files.some((f) => !matchesPatterns(f, ignore));
  return true;
}
