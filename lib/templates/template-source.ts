/**
 * Where a repository's template overrides come from: `.github/mlops/templates/NAME.hbs` in a checkout (CLI, actions)
 * or read through some other client (the app, via the GitHub contents API).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BadInputError } from '../errors.js';

/** Folder of a repository that holds template overrides. */
export const overrideDirectory = '.github/mlops/templates';

/** One template's text and the path to name in messages. */
export interface TemplateFile {
  text: string;
  path: string;
}

/** A place overrides are read from; `read` resolves undefined when there is no override for `name`. */
export interface TemplateSource {
  /** For messages, e.g. `the checkout at /src` or `acme/churn@main`. */
  describe: string;
  read(name: string): Promise<TemplateFile | undefined>;
}

// Names are ours (template and `partials/…` names), never user input; checked anyway so no path can escape the folder.
const safeName = /^(partials\/)?[a-z][a-z0-9-]*$/;

/** Repository-relative path of the override for `name`: `.github/mlops/templates/NAME.hbs`. */
export function overridePath(name: string): string {
  if (!safeName.test(name)) throw new BadInputError('bad-template-name', `not a template name: ${JSON.stringify(name)}`);
  return `${overrideDirectory}/${name}.hbs`;
}

/** Overrides read from `<repoRoot>/.github/mlops/templates/NAME.hbs`; a missing file means no override. */
export function directoryTemplateSource(repoRoot: string): TemplateSource {
  return {
    describe: `the checkout at ${repoRoot}`,
    async read(name) {
      const path = join(repoRoot, overridePath(name));
      try {
        return { text: await readFile(path, 'utf8'), path };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw new BadInputError('template-override-unreadable', `${path}: cannot read template override: ${(error as Error).message}`, {
          location: { file: path },
          hint: 'Make the file readable or delete it to use the built-in template.',
          cause: error,
        });
      }
    },
  };
}

/**
 * Overrides read by `fetch(path, name)`, which resolves the file's text or undefined when it does not exist; `path`
 * is the repository-relative `.github/mlops/templates/NAME.hbs` (the app backs this with the contents API).
 */
export function functionTemplateSource(describe: string, fetch: (path: string, name: string) => Promise<string | undefined>): TemplateSource {
  return {
    describe,
    async read(name) {
      const path = overridePath(name);
      const text = await fetch(path, name);
      return text === undefined ? undefined : { text, path };
    },
  };
}
