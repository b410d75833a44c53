import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder of gh-mlops' own package.json. Shipped assets (schemas, policies, templates) are read relative to it,
 * so the same code works from sources (tsx), from `dist/`, and from an action's checkout.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'gh-mlops') return (cached = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('gh-mlops package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** Absolute path of a file shipped in the package, e.g. `assetPath('schema', 'mlops.schema.json')`. */
export function assetPath(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}

/** The version in package.json: stamped into every report as the tool version. */
export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
