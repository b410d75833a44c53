import type { Diagnostic, SourceLocation } from '../errors.js';
import type { BundleBody } from './bundle.js';
import type { DriftBody } from './drift.js';
import type { Histogram } from './envelope.js';
import type { ProfileBody } from './profile.js';
import type { ReportKind } from './envelope.js';

type Locate = (path: Array<string | number>) => SourceLocation;

/** Rules a JSON Schema cannot say (or only with noisy errors): model.onnx in every bundle, unique bundle paths, histograms with one more edge than counts. Runs on schema-valid reports. */
export function semanticDiagnostics(kind: ReportKind, value: unknown, at: Locate): Diagnostic[] {
  switch (kind) {
    case 'mlops/bundle':
      return [...modelFile((value as BundleBody).files, at), ...duplicatePaths((value as BundleBody).files, at)];
    case 'mlops/profile':
      return (value as ProfileBody).columns.flatMap((c, i) => histogram(c.histogram, ['columns', i, 'histogram'], at));
    case 'mlops/drift':
      return (value as DriftBody).columns.flatMap((c, i) => [
        ...histogram(c.baseline.histogram, ['columns', i, 'baseline', 'histogram'], at),
        ...histogram(c.current.histogram, ['columns', i, 'current', 'histogram'], at),
      ]);
    default:
      return [];
  }
}

function modelFile(files: BundleBody['files'], at: Locate): Diagnostic[] {
  if (files.some((f) => f.role === 'model' && f.path === 'model.onnx')) return [];
  return [{ severity: 'error', message: 'the bundle does not list model.onnx', location: at(['files']), hint: 'add { role: model, path: model.onnx, sha256, bytes } to files' }];
}

function duplicatePaths(files: BundleBody['files'], at: Locate): Diagnostic[] {
  const seen = new Map<string, number>();
  const out: Diagnostic[] = [];
  files.forEach((f, i) => {
    const first = seen.get(f.path);
    if (first === undefined) seen.set(f.path, i);
    else out.push({ severity: 'error', message: `${f.path} is listed twice (files[${first}] and files[${i}])`, location: at(['files', i, 'path']), hint: 'list each file once' });
  });
  return out;
}

function histogram(h: Histogram | undefined, path: Array<string | number>, at: Locate): Diagnostic[] {
  if (!h || h.edges.length === h.counts.length + 1) return [];
  return [
    {
      severity: 'error',
      message: `histogram has ${h.edges.length} edges for ${h.counts.length} counts; expected ${h.counts.length + 1} edges`,
      location: at([...path, 'edges']),
      hint: 'edges are the n+1 bin boundaries of n counts',
    },
  ];
}
