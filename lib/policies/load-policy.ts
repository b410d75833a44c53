import { readdir, readFile } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';
import { BadInputError, InvalidDocumentError, type Diagnostic, type SourceLocation } from '../errors.js';
import { formatPath } from '../documents/document-path.js';
import { parseYamlDocument, defaultLimits, type SourceDocument } from '../documents/parse-yaml-document.js';
import { schemaDiagnostics } from '../documents/schema-diagnostics.js';
import { suggest } from '../documents/suggest.js';
import { mergePolicyLayers } from './merge.js';
import { checkMergedPolicy, checkPolicyLayer, type PolicyReport } from './policy-checks.js';
import { resolvePolicy } from './resolve-policy.js';
import { policyValidator, shippedPolicyDir } from './schema.js';
import type { PolicyDocument, PolicySource, ResolvedPolicy } from './types.js';

/** Where a repository keeps its policy files (overrides of shipped tiers, or policies of its own). */
export const repoPolicyDir = '.github/mlops/policies';

/** Where policies come from. Without `repoRoot` and `readRepoFile`, only the shipped tiers exist. */
export interface PolicyLoadOptions {
  /** Repository root holding `.github/mlops/policies/`; relative to `cwd`. Also prefixes repo files in diagnostics. */
  repoRoot?: string;
  /** Directory `repoRoot` is relative to (default: the process' working directory). */
  cwd?: string;
  /** Reads a repository file by its repo-relative path (undefined when absent): lets the app read through the GitHub API. */
  readRepoFile?: (repoPath: string) => Promise<string | undefined>;
  /** Names of the repository's own policies, for "did you mean" (default: listed from `repoRoot`). */
  listRepoPolicies?: () => Promise<string[]>;
  /** Folder of the shipped tiers (default: gh-mlops' policies/; tests point it elsewhere). */
  shippedDir?: string;
}

/** A policy resolved through its `extends` chain, merged, validated, with every default applied. */
export interface LoadedPolicy {
  name: string;
  policy: ResolvedPolicy;
  /** The merged document before defaults (what the layers say, nothing more). */
  merged: PolicyDocument;
  /** The layers merged, base first; the last is the policy asked for. */
  sources: PolicySource[];
  warnings: Diagnostic[];
  /** Where a path of the merged policy was set: file:line:col of the layer that contributed it. */
  locate(path: ReadonlyArray<string | number>): SourceLocation;
}

interface Layer {
  source: PolicySource;
  /** Identity for cycle detection: `repo:<path>` or `shipped:<path>`. */
  key: string;
  /** Repo-relative path (repo layers) or absolute path (shipped layers): where relative `extends` start. */
  at: string;
  doc: SourceDocument;
}

const maxDepth = 16;
const isRelativeFile = (ref: string) => ref.startsWith('./') || ref.startsWith('../');

/**
 * Loads the policy `name`: the repository's `.github/mlops/policies/<name>.yml` when it exists, else the shipped tier
 * `policies/<name>.yml`; follows `extends` (a repository file extending its own name extends the shipped tier), detects
 * cycles, validates each layer against policies/policy.schema.json, merges them (maps deep-merge, rule lists by id,
 * scalars override) and validates the result. Throws BadInputError for an unknown name, InvalidDocumentError (with
 * file:line:col of the layer that holds each problem) for anything else.
 */
export async function loadPolicy(name: string, options: PolicyLoadOptions = {}): Promise<LoadedPolicy> {
  const io = policyIo(options);
  const top = await findByName(name, undefined, io);
  if (!top) {
    const known = await io.knownNames();
    const guess = suggest(name, known);
    throw new BadInputError('unknown-policy', `unknown policy '${name}'`, {
      hint: guess ? `did you mean '${guess}'? (known policies: ${known.join(', ')})` : `known policies: ${known.join(', ')}; or add ${repoPolicyDir}/${name}.yml`,
    });
  }

  // Walk the extends chain top-down; layers[] ends up base first.
  const chain: Layer[] = [top];
  const diagnostics: Diagnostic[] = [];
  for (let current = top; ; ) {
    diagnostics.push(...layerDiagnostics(current.doc));
    const value = current.doc.value as PolicyDocument;
    const ref = typeof value === 'object' && value !== null && typeof value.extends === 'string' ? value.extends : undefined;
    if (ref === undefined) break;
    const at = { file: current.doc.file, ...current.doc.locate(['extends']), path: 'extends' };
    const next = isRelativeFile(ref) ? await io.byFile(ref, current) : await findByName(ref, current, io);
    if (typeof next === 'string' || next === undefined) {
      const known = await io.knownNames();
      const guess = isRelativeFile(ref) ? undefined : suggest(ref, known);
      diagnostics.push({ severity: 'error', message: typeof next === 'string' ? next : `extends names unknown policy '${ref}'`, location: at, hint: guess ? `did you mean '${guess}'?` : `known policies: ${known.join(', ')}` });
      break;
    }
    const loop = chain.findIndex((layer) => layer.key === next.key);
    if (loop >= 0) {
      const names = [...chain.slice(loop), next].map((layer) => layer.source.file);
      diagnostics.push({ severity: 'error', message: `policy extends cycle: ${names.join(' → ')}`, location: at, hint: 'remove the extends that closes the loop' });
      break;
    }
    if (chain.length >= maxDepth) {
      diagnostics.push({ severity: 'error', message: `policy extends chain is deeper than ${maxDepth}`, location: at, hint: 'flatten the chain' });
      break;
    }
    chain.push(next);
    current = next;
  }
  if (diagnostics.some((d) => d.severity === 'error')) throw new InvalidDocumentError(top.source.file, sortByFile(diagnostics), `policy '${name}'`);

  const layers = [...chain].reverse();
  const { value: merged, provenance } = mergePolicyLayers(layers.map((layer) => layer.doc.value as PolicyDocument));
  const locate = (path: ReadonlyArray<string | number>, target: 'key' | 'value' = 'value'): SourceLocation => {
    const origin = provenance.get([...path]);
    const doc = layers[origin.layer]!.doc;
    return { file: doc.file, ...doc.locate(origin.path, target), path: formatPath(origin.path) };
  };
  const report: PolicyReport = (severity, path, message, hint, target = 'value') => {
    diagnostics.push({ severity, message, location: locate(path, target), ...(hint ? { hint } : {}) });
  };
  checkMergedPolicy(merged, report);
  if (diagnostics.some((d) => d.severity === 'error')) throw new InvalidDocumentError(top.source.file, sortByFile(diagnostics), `policy '${name}'`);
  return { name, policy: resolvePolicy(merged), merged, sources: layers.map((l) => l.source), warnings: diagnostics, locate: (path) => locate(path) };
}

/** Names of every policy a config may reference: the shipped tiers and the repository's own files. */
export async function policyNames(options: PolicyLoadOptions = {}): Promise<string[]> {
  return policyIo(options).knownNames();
}

function layerDiagnostics(doc: SourceDocument): Diagnostic[] {
  const out = schemaDiagnostics(doc, policyValidator());
  checkPolicyLayer(
    doc.value,
    (severity, path, message, hint, target = 'value') => out.push({ severity, message, location: { file: doc.file, ...doc.locate(path, target), path: formatPath(path) }, ...(hint ? { hint } : {}) }),
    (path) => doc.locate(path).line,
  );
  return out;
}

function sortByFile(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.location.file.localeCompare(b.location.file) || (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.col ?? 0) - (b.location.col ?? 0));
}

interface PolicyIo {
  repo(repoPath: string): Promise<Layer | undefined>;
  shipped(file: string, name?: string): Promise<Layer | undefined>;
  byFile(ref: string, from: Layer): Promise<Layer | string | undefined>;
  knownNames(): Promise<string[]>;
}

async function findByName(name: string, from: Layer | undefined, io: PolicyIo): Promise<Layer | undefined> {
  // A shipped tier's `extends` stays among shipped tiers; a repository file never resolves to itself.
  if (from?.source.origin !== 'shipped') {
    const repoPath = `${repoPolicyDir}/${name}.yml`;
    if (!from || from.key !== `repo:${repoPath}`) {
      const layer = await io.repo(repoPath);
      if (layer) return { ...layer, source: { ...layer.source, name } };
    }
  }
  return io.shipped(`${name}.yml`, name);
}

function policyIo(options: PolicyLoadOptions): PolicyIo {
  const shippedDir = options.shippedDir ?? shippedPolicyDir();
  const repoRoot = options.repoRoot;
  const absoluteRepo = repoRoot === undefined ? undefined : resolve(options.cwd ?? process.cwd(), repoRoot);
  const readRepo =
    options.readRepoFile ?? (absoluteRepo === undefined ? async () => undefined : async (repoPath: string) => readIfExists(join(absoluteRepo, repoPath)));
  const parse = (text: string, file: string) => parseYamlDocument(text, file, defaultLimits);
  const io: PolicyIo = {
    async repo(repoPath) {
      const text = await readRepo(repoPath);
      if (text === undefined) return undefined;
      const file = repoRoot === undefined ? repoPath : join(repoRoot, repoPath);
      return { source: { origin: 'repo', file }, key: `repo:${repoPath}`, at: repoPath, doc: parse(text, file) };
    },
    async shipped(fileName, name) {
      const file = join(shippedDir, fileName);
      const text = await readIfExists(file);
      if (text === undefined) return undefined;
      return { source: { origin: 'shipped', file, ...(name ? { name } : {}) }, key: `shipped:${file}`, at: file, doc: parse(text, file) };
    },
    async byFile(ref, from) {
      if (from.source.origin === 'repo') {
        const target = posix.normalize(posix.join(posix.dirname(from.at), ref));
        if (target.startsWith('../') || target === '..') return `extends '${ref}' points outside the repository`;
        return (await io.repo(target)) ?? `extends names a missing file '${target}'`;
      }
      const target = resolve(posix.dirname(from.at), ref);
      if (!target.startsWith(shippedDir)) return `extends '${ref}' points outside the shipped policies`;
      return (await io.shipped(target.slice(shippedDir.length + 1))) ?? `extends names a missing file '${ref}'`;
    },
    async knownNames() {
      const shipped = await yamlNames(shippedDir);
      const repo = options.listRepoPolicies ? await options.listRepoPolicies() : absoluteRepo ? await yamlNames(join(absoluteRepo, repoPolicyDir)) : [];
      return [...new Set([...shipped, ...repo])].sort();
    },
  };
  return io;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new BadInputError('unreadable-policy', `cannot read policy ${file}: ${code ?? String(error)}`, { location: { file }, hint: 'check the file permissions', cause: error });
  }
}

async function yamlNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.yml')).map((f) => f.slice(0, -4));
  } catch {
    return [];
  }
}
