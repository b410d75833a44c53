/**
 * A repository's gh-mlops settings read through the API: `.github/mlops.yml` (validated by lib/config exactly as
 * `mlops config check` does), its policies (`.github/mlops/policies/`, else the shipped tiers) and CODEOWNERS.
 */
import { stringify } from 'yaml';
import { defaultConfigPath, loadConfig, type ResolvedConfig } from '../../lib/config/index.js';
import { codeownersPaths, parseCodeowners, type CodeownersRule } from '../../lib/governance/index.js';
import { loadPolicy, repoPolicyDir, type LoadedPolicy } from '../../lib/policies/index.js';
import { isHttpStatus, type GitHub, type RepoRef } from './client.js';

/** A text file of the repository at `ref` (default branch when omitted), or undefined when absent. */
export async function readRepoText(gh: GitHub, where: RepoRef, path: string, ref?: string): Promise<string | undefined> {
  try {
    const { data } = await gh.rest.repos.getContent({ ...where, path, ...(ref ? { ref } : {}) });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if (isHttpStatus(error, 404)) return undefined;
    throw error;
  }
}

/**
 * Validates a config object (what Probot's `context.config('mlops.yml')` returns after resolving `_extends`) and
 * applies defaults. Undefined when the repository has no config. Throws InvalidDocumentError like `mlops config check`.
 */
export async function resolveRepoConfig(raw: unknown): Promise<ResolvedConfig | undefined> {
  if (raw === null || raw === undefined) return undefined;
  return (await loadConfig(defaultConfigPath, { text: stringify(raw) })).resolved;
}

/** Reads and validates `.github/mlops.yml` through the contents API (the CLI's path; the app uses context.config). */
export async function readRepoConfig(gh: GitHub, where: RepoRef, ref?: string): Promise<ResolvedConfig | undefined> {
  const text = await readRepoText(gh, where, defaultConfigPath, ref);
  return text === undefined ? undefined : (await loadConfig(defaultConfigPath, { text })).resolved;
}

/** Loads policy `name` with the repository's overrides read through the API. */
export async function loadRepoPolicy(gh: GitHub, where: RepoRef, name: string, ref?: string): Promise<LoadedPolicy> {
  return loadPolicy(name, {
    readRepoFile: (path) => readRepoText(gh, where, path, ref),
    listRepoPolicies: async () => {
      try {
        const { data } = await gh.rest.repos.getContent({ ...where, path: repoPolicyDir, ...(ref ? { ref } : {}) });
        return Array.isArray(data) ? data.filter((f) => f.name.endsWith('.yml')).map((f) => f.name.slice(0, -4)) : [];
      } catch (error) {
        if (isHttpStatus(error, 404)) return [];
        throw error;
      }
    },
  });
}

/** The repository's CODEOWNERS rules (first file found where GitHub looks), empty when it has none. */
export async function readCodeowners(gh: GitHub, where: RepoRef, ref?: string): Promise<CodeownersRule[]> {
  for (const path of codeownersPaths) {
    const text = await readRepoText(gh, where, path, ref);
    if (text !== undefined) return parseCodeowners(text);
  }
  return [];
}
