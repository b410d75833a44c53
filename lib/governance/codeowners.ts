/**
 * CODEOWNERS: who owns which paths. Patterns follow gitignore rules (the `ignore` package implements them) and the
 * last matching line wins, as on GitHub. Owners are `@user`, `@org/team` or e-mail addresses.
 */
import ignore from 'ignore';

/** One rule: a pattern and its owners (empty = explicitly unowned). */
export interface CodeownersRule {
  pattern: string;
  owners: string[];
  line: number;
}

/** Where GitHub looks for the file, in its order. */
export const codeownersPaths = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

/** Parses CODEOWNERS text; comments and blank lines are skipped. */
export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const [pattern, ...owners] = line.split(/\s+/);
    rules.push({ pattern: pattern!, owners, line: i + 1 });
  });
  return rules;
}

/** The owners of `path` (repo-relative, `/`-separated): the last matching rule's, or none. */
export function ownersOf(rules: CodeownersRule[], path: string): string[] {
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i]!;
    if (ignore().add(rule.pattern).ignores(path)) return rule.owners;
  }
  return [];
}

/** The owners of every path in `paths`, each owner once, in first-seen order. */
export function ownersOfPaths(rules: CodeownersRule[], paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) for (const o of ownersOf(rules, p)) if (!out.includes(o)) out.push(o);
  return out;
}
