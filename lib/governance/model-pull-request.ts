/** Which models a pull request is about: those whose `paths` match a changed file (globs as in `.github/mlops.yml`). */
import { globToRegExp } from '../data/expand-paths.js';

/** Names of the models whose `paths` match one of `files`, in config order. */
export function modelsTouched(models: Array<{ name: string; paths: string[] }>, files: string[]): string[] {
  return models
    .filter((m) => {
      const patterns = m.paths.map((p) => globToRegExp(p.replace(/^\//, '')));
      return files.some((f) => patterns.some((re) => re.test(f)));
    })
    .map((m) => m.name);
}

/** The files of `files` that belong to the model (for CODEOWNERS). */
export function modelFiles(paths: string[], files: string[]): string[] {
  const patterns = paths.map((p) => globToRegExp(p.replace(/^\//, '')));
  return files.filter((f) => patterns.some((re) => re.test(f)));
}
