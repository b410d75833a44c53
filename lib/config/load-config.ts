import { InvalidDocumentError, type Diagnostic } from '../errors.js';
import { readTextFile } from '../documents/load-document.js';
import { defaultLimits, parseYamlDocument, type SourceDocument } from '../documents/parse-yaml-document.js';
import { schemaDiagnostics } from '../documents/schema-diagnostics.js';
import { resolveConfig } from './resolve-config.js';
import { configValidator } from './schema.js';
import { configSemanticDiagnostics } from './semantic-checks.js';
import type { MlopsConfig, ResolvedConfig } from './types.js';

/** The conventional path of the config in a repository. */
export const defaultConfigPath = '.github/mlops.yml';

/** A valid config: as written, with defaults applied, its source (for positions), and the warnings found. */
export interface LoadedConfig {
  file: string;
  config: MlopsConfig;
  resolved: ResolvedConfig;
  doc: SourceDocument;
  warnings: Diagnostic[];
}

/**
 * Loads and checks `.github/mlops.yml` (YAML or JSON): size and alias limits, the JSON Schema, then the semantic checks
 * (unique names, depends_on, cron, durations, gates). Reads `file` unless `text` is given; `file` labels every diagnostic.
 * Throws BadInputError (unreadable, too large, empty) or InvalidDocumentError carrying every finding, sorted by position.
 */
export async function loadConfig(file: string, options: { text?: string } = {}): Promise<LoadedConfig> {
  const text = options.text ?? (await readTextFile(file, defaultLimits.maxBytes, 'config file'));
  const doc = parseYamlDocument(text, file, defaultLimits);
  const diagnostics = [...schemaDiagnostics(doc, configValidator()), ...configSemanticDiagnostics(doc)].sort(
    (a, b) => (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.col ?? 0) - (b.location.col ?? 0),
  );
  if (diagnostics.some((d) => d.severity === 'error')) throw new InvalidDocumentError(file, diagnostics, 'gh-mlops config');
  const config = doc.value as MlopsConfig;
  return { file, config, resolved: resolveConfig(config), doc, warnings: diagnostics };
}
