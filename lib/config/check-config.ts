import { resolve } from 'node:path';
import { InvalidDocumentError, MlopsError, type Diagnostic } from '../errors.js';
import { readTextFile } from '../documents/load-document.js';
import { defaultLimits } from '../documents/parse-yaml-document.js';
import { formatPath } from '../documents/document-path.js';
import { loadPolicy, type LoadedPolicy, type PolicyLoadOptions } from '../policies/load-policy.js';
import { loadConfig, type LoadedConfig } from './load-config.js';

// A file that cannot be read has no position to point at; one that is too large or empty is wrong from its start.
const positionless = ['file-not-found', 'is-directory'];

/** One model as `mlops config check` summarises it. */
export interface CheckedModel {
  name: string;
  owner: string;
  risk: string;
  policy: string;
  /** Files of the policy's layers, base first. */
  policySources: string[];
  stages: string[];
}

/** Everything `mlops config check` reports: valid or not, the models, and every diagnostic (errors and warnings). */
export interface ConfigCheckResult {
  ok: boolean;
  file: string;
  models: CheckedModel[];
  diagnostics: Diagnostic[];
  /** Set when the file could not be checked at all or was invalid: the error's code and message. */
  error?: { code: string; message: string };
  config?: LoadedConfig;
  policies?: Map<string, LoadedPolicy>;
}

/**
 * Checks a config and every policy its models reference (shipped tiers, or the repository's overrides under
 * `policies.repoRoot`). Never throws for bad input: problems come back as diagnostics labelled with `file` as given.
 */
export async function checkConfig(file: string, options: { text?: string; cwd?: string; policies?: PolicyLoadOptions } = {}): Promise<ConfigCheckResult> {
  const absolute = resolve(options.cwd ?? process.cwd(), file);
  let loaded: LoadedConfig;
  try {
    const text = options.text ?? (await readTextFile(absolute, defaultLimits.maxBytes, 'config file'));
    loaded = await loadConfig(file, { text });
  } catch (error) {
    if (!(error instanceof MlopsError)) throw error;
    // Errors from reading name the absolute path; people passed a relative one.
    const relabel = (text: string) => text.split(absolute).join(file);
    const diagnostics =
      error instanceof InvalidDocumentError
        ? error.diagnostics
        : [{ severity: 'error' as const, message: relabel(error.message), location: { ...(positionless.includes(error.code) ? {} : { line: 1, col: 1 }), ...(error.location ?? {}), file }, ...(error.hint ? { hint: error.hint } : {}) }];
    return { ok: false, file, models: [], diagnostics, error: { code: error.code, message: relabel(error.message) } };
  }

  const diagnostics: Diagnostic[] = [...loaded.warnings];
  const policies = new Map<string, LoadedPolicy>();
  const failed = new Map<string, MlopsError>();
  for (const [i, model] of loaded.resolved.models.entries()) {
    const name = model.promotion.policy;
    if (!policies.has(name) && !failed.has(name)) {
      try {
        policies.set(name, await loadPolicy(name, options.policies));
      } catch (error) {
        if (!(error instanceof MlopsError)) throw error;
        failed.set(name, error);
        // A broken policy file is reported once, at its own lines; an unknown name at every model choosing it.
        if (error instanceof InvalidDocumentError) diagnostics.push(...error.diagnostics);
      }
    }
    const error = failed.get(name);
    if (error && !(error instanceof InvalidDocumentError)) diagnostics.push(unknownPolicyAt(loaded, i, name, error));
  }
  for (const policy of policies.values()) diagnostics.push(...policy.warnings);
  const ok = !diagnostics.some((d) => d.severity === 'error');
  const models = loaded.resolved.models.map((m) => ({
    name: m.name,
    owner: m.owner,
    risk: m.risk,
    policy: m.promotion.policy,
    policySources: policies.get(m.promotion.policy)?.sources.map((s) => s.file) ?? [],
    stages: m.promotion.stages.map((s) => s.name),
  }));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return {
    ok,
    file,
    models,
    diagnostics,
    config: loaded,
    policies,
    ...(ok ? {} : { error: { code: 'invalid-policy', message: `${file}: ${errors} error${errors === 1 ? '' : 's'} in the policies its models use` } }),
  };
}

/** An unusable policy name, located where the config chose it: `promotion.policy`, or `risk` for the tier's default. */
function unknownPolicyAt(loaded: LoadedConfig, i: number, name: string, error: MlopsError): Diagnostic {
  const explicit = loaded.config.models[i]?.promotion?.policy !== undefined;
  const path = explicit ? ['models', i, 'promotion', 'policy'] : ['models', i, 'risk'];
  const message = explicit ? `unknown policy '${name}'` : `risk tier '${loaded.config.models[i]?.risk}' needs policy '${name}', which does not exist`;
  return { severity: 'error', message, location: { file: loaded.file, ...loaded.doc.locate(path), path: formatPath(path) }, ...(error.hint ? { hint: error.hint } : {}) };
}
