import { readFile, stat } from 'node:fs/promises';
import type { ValidateFunction } from 'ajv';
import { BadInputError, InvalidDocumentError, type Diagnostic } from '../errors.js';
import { defaultLimits, parseYamlDocument, type DocumentLimits, type SourceDocument } from './parse-yaml-document.js';
import { schemaDiagnostics } from './schema-diagnostics.js';

/** Reads a file as UTF-8 text, refusing (before reading) anything over the size limit. */
export async function readTextFile(file: string, maxBytes = defaultLimits.maxBytes, what = 'file'): Promise<string> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new BadInputError('is-directory', `${file} is a directory, expected a ${what}`, { location: { file } });
    size = info.size;
  } catch (error) {
    if (error instanceof BadInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new BadInputError('file-not-found', `cannot read ${what} ${file}: ${code === 'ENOENT' ? 'no such file' : code ?? String(error)}`, {
      location: { file },
      hint: code === 'ENOENT' ? 'check the path (it is relative to the current directory) or pass the right one' : 'check the file permissions',
      cause: error,
    });
  }
  if (size > maxBytes) {
    throw new BadInputError('file-too-large', `${file} is ${size} bytes; the limit is ${maxBytes} bytes`, {
      location: { file },
      hint: 'split the file or remove generated content; documents this large are almost always a mistake',
    });
  }
  return readFile(file, 'utf8');
}

/**
 * Loads a YAML/JSON file, validates it against a compiled schema, and runs extra semantic checks.
 * Throws InvalidDocumentError with every finding (schema + semantic) when any is an error.
 */
export async function loadDocument<T>(
  file: string,
  validate: ValidateFunction,
  options: { what?: string; limits?: DocumentLimits; semantic?: (doc: SourceDocument, value: T) => Diagnostic[]; text?: string } = {},
): Promise<{ doc: SourceDocument; value: T; warnings: Diagnostic[] }> {
  const limits = options.limits ?? defaultLimits;
  const text = options.text ?? (await readTextFile(file, limits.maxBytes, options.what));
  const doc = parseYamlDocument(text, file, limits);
  const diagnostics = schemaDiagnostics(doc, validate);
  if (diagnostics.length === 0 && options.semantic) diagnostics.push(...options.semantic(doc, doc.value as T));
  if (diagnostics.some((d) => d.severity === 'error')) throw new InvalidDocumentError(file, diagnostics, options.what);
  return { doc, value: doc.value as T, warnings: diagnostics.filter((d) => d.severity === 'warning') };
}
