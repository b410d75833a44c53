import { isMap, isScalar, isSeq, LineCounter, visit, parseDocument, type Document, type Node } from 'yaml';
import { BadInputError, InvalidDocumentError, type Diagnostic } from '../errors.js';

/** Limits that keep a hostile document from exhausting memory (billion-laughs, huge files). */
export interface DocumentLimits {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** How many alias dereferences a document may expand; yaml's own guard, set far below its default. */
  maxAliasCount: number;
}

/** Config-sized defaults: 1 MiB, and few enough aliases that expansion stays tiny. */
export const defaultLimits: DocumentLimits = { maxBytes: 1024 * 1024, maxAliasCount: 50 };

/** A parsed YAML (or JSON) document that remembers where every value came from. */
export interface SourceDocument {
  file: string;
  value: unknown;
  /** Finds the 1-based line/column of the node at a document path (falls back to the nearest existing parent). */
  locate(path: ReadonlyArray<string | number>, target?: 'key' | 'value'): { line: number; col: number };
}

/**
 * Parses YAML or JSON text (JSON is a subset of YAML 1.2) keeping source positions.
 * Throws BadInputError for oversize/empty input and InvalidDocumentError (with line:col) for syntax errors and alias bombs.
 */
export function parseYamlDocument(text: string, file: string, limits: DocumentLimits = defaultLimits): SourceDocument {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) {
    throw new BadInputError('file-too-large', `${file} is ${bytes} bytes; the limit is ${limits.maxBytes} bytes`, {
      location: { file },
      hint: 'split the file or remove generated content; configuration files this large are almost always a mistake',
    });
  }
  if (text.trim() === '' || /^(\s*#[^\n]*\n?)*\s*$/.test(text)) {
    throw new BadInputError('empty-document', `${file} is empty`, {
      location: { file, line: 1, col: 1 },
      hint: 'add the document content (see examples/ for a complete file)',
    });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, merge: false });
  const syntax: Diagnostic[] = [...doc.errors, ...doc.warnings].map((error) => {
    const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
    return {
      severity: doc.errors.includes(error) ? 'error' : 'warning',
      message: firstLine(error.message),
      location: { file, line: pos.line, col: pos.col },
      hint: error.code === 'DUPLICATE_KEY' ? 'remove or rename one of the two keys' : 'fix the YAML syntax at this position',
    };
  });
  if (syntax.some((d) => d.severity === 'error')) throw new InvalidDocumentError(file, syntax, 'YAML syntax');

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (error) {
    const alias = findFirstAlias(doc);
    const pos = alias ? lineCounter.linePos(alias) : { line: 1, col: 1 };
    throw new InvalidDocumentError(
      file,
      [
        {
          severity: 'error',
          message: `YAML aliases expand past the limit of ${limits.maxAliasCount} (${firstLine((error as Error).message)})`,
          location: { file, line: pos.line, col: pos.col },
          hint: 'write the repeated values out, or use fewer nested aliases (this guards against "billion laughs" documents)',
        },
      ],
      'YAML',
    );
  }
  return {
    file,
    value,
    locate(path, target = 'value') {
      const offset = nodeOffset(doc, path, target);
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, col: pos.col };
    },
  };
}

function firstLine(message: string): string {
  // yaml's pretty errors repeat the position we already print as file:line:col.
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function findFirstAlias(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      found = node.range?.[0];
      return visit.BREAK;
    },
  });
  return found;
}

function nodeOffset(doc: Document, path: ReadonlyArray<string | number>, target: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let best = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return best;
      const keyNode = pair.key as Node;
      if (last && target === 'key' && keyNode.range) return keyNode.range[0];
      node = pair.value;
      const range = (pair.value as Node | null)?.range ?? keyNode.range;
      if (range) best = range[0];
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) return best;
      node = item;
      if (item.range) best = item.range[0];
    } else {
      return best;
    }
  }
  return best;
}
