import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { formatPath } from '../documents/document-path.js';
import { BadInputError } from '../errors.js';
import { parseReportDocument } from './read-report.js';
import { semanticDiagnostics } from './semantic-checks.js';
import { isReportKind, reportContracts, reportValidator, type Report } from './registry.js';

/**
 * The exact text gh-mlops writes for a report: top-level keys in schema order (envelope first), nested keys sorted,
 * two-space indent, trailing newline. Checks the result against its schema first, so a producer bug fails here, with
 * line:col in the text it would have written, rather than in whichever job reads the file later. Unknown keys are errors.
 */
export function serializeReport(report: Report, file = '(report)'): string {
  if (!isReportKind((report as { kind?: unknown }).kind)) {
    throw new BadInputError('unknown-report-kind', `cannot write ${file}: kind ${JSON.stringify((report as { kind?: unknown }).kind)} is not a report kind`, { location: { file } });
  }
  const schema = reportValidator(report.kind, reportContracts[report.kind].current).schema as { properties?: object };
  const order = Object.keys(schema.properties ?? {});
  const tree = stable(report, [], file, order);
  const text = JSON.stringify(tree, null, 2) + '\n';
  // Check the tree that was serialized; only a report that fails is parsed back from its text, for positions. (Parsing
  // every report back doubled the peak memory of writing a large profile.)
  const version = reportContracts[report.kind].current;
  if (reportValidator(report.kind, version)(tree) && semanticDiagnostics(report.kind, tree, (path) => ({ file, path: formatPath(path) })).length === 0) return text;
  const { warnings } = parseReportDocument(text, file, report.kind);
  if (warnings.length > 0) {
    const w = warnings[0]!;
    throw new BadInputError('unknown-report-key', `cannot write ${file}: ${w.message.replace(/ \(ignored\)$/, '')} at ${w.location.path ?? '(document root)'}`, {
      location: w.location,
      hint: `${report.kind} v${report.version} has no such key; add it to the contract (lib/contracts) first`,
    });
  }
  return text;
}

/** Writes a report atomically (temp file in the same folder, then rename), creating the folder if needed. */
export async function writeReport(file: string, report: Report): Promise<void> {
  const text = serializeReport(report, file);
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

// Reports must round-trip exactly: JSON.stringify would silently turn NaN/Infinity into null. The path is one shared
// stack (pushed and popped), not a new array per value: profiles hold hundreds of thousands of sketch numbers.
function stable(value: unknown, path: Array<string | number>, file: string, order?: string[]): unknown {
  if (typeof value === 'number') {
    if (value - value === 0) return value;
    throw new BadInputError('non-finite-number', `cannot write ${file}: ${formatPath(path)} is ${value}; reports hold finite numbers only`, {
      location: { file, path: formatPath(path) },
      hint: 'leave the field out or use null where the contract allows it',
    });
  }
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'number' && item - item === 0) out[i] = item;
      else {
        path.push(i);
        out[i] = stable(item, path, file);
        path.pop();
      }
    }
    return out;
  }
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
  const rank = (k: string) => (order && order.includes(k) ? order.indexOf(k) : Number.MAX_SAFE_INTEGER);
  keys.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    path.push(key);
    out[key] = stable((value as Record<string, unknown>)[key], path, file);
    path.pop();
  }
  return out;
}
